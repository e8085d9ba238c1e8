using CustomerValue.Domain;

namespace CustomerValue.Value;

/// <summary>How a cost booked against a segment, channel or campaign is shared among that group's customers.</summary>
public enum CostAllocationRule
{
    /// <summary>
    /// Equal shares among the group's customers active in the cost's period: a purchase in the period or a subscription
    /// active on any of its days. Acquisition costs go to the group's customers acquired in the period instead
    /// (acquisition date, else first purchase or subscription start).
    /// </summary>
    EqualSplitOverActiveCustomers,

    /// <summary>Shares proportional to each group customer's net revenue in the cost's period.</summary>
    ProportionalToRevenue,
}

/// <summary>A customer's costs by category. <see cref="Total"/> = acquisition + service + support + marketing.</summary>
public sealed record CostBreakdown(decimal Acquisition, decimal Service, decimal Support, decimal Marketing)
{
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0);
    public decimal Total => Acquisition + Service + Support + Marketing;

    public CostBreakdown Add(CostCategory category, decimal amount) => category switch
    {
        CostCategory.Acquisition => this with { Acquisition = Acquisition + amount },
        CostCategory.Service => this with { Service = Service + amount },
        CostCategory.Support => this with { Support = Support + amount },
        CostCategory.Marketing => this with { Marketing = Marketing + amount },
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown cost category."),
    };
}

/// <summary>A cost that could not be given to anyone, and why (so that totals can be reconciled).</summary>
public sealed record UnallocatedCost(CostEntry Cost, string Reason);

/// <summary>Per-customer costs, what was left over, and the rule in words for the report.</summary>
public sealed record CostAllocationResult(
    IReadOnlyDictionary<string, CostBreakdown> ByCustomer,
    IReadOnlyList<UnallocatedCost> Unallocated,
    CostAllocationRule Rule)
{
    public string Definition => CostAllocator.Describe(Rule);
}

/// <summary>What the allocator knows of one customer: group membership, purchases and subscriptions.</summary>
internal sealed class CustomerLedger(CustomerProfile profile)
{
    public CustomerProfile Profile { get; } = profile;
    public List<Transaction> Transactions { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];

    public DateOnly? FirstActivity
    {
        get
        {
            DateOnly? first = null;
            foreach (var t in Transactions) if (t.Amount > 0 && (first is null || t.Date < first)) first = t.Date;
            foreach (var s in Subscriptions) if (first is null || s.Start < first) first = s.Start;
            return first;
        }
    }

    public DateOnly? AcquiredOn => Profile.AcquiredOn ?? FirstActivity;

    public bool IsActiveDuring(DateOnly from, DateOnly to) =>
        Transactions.Any(t => t.Amount > 0 && t.Date >= from && t.Date <= to)
        || Subscriptions.Any(s => s.Start <= to && (s.LastDay is not { } last || last >= from));

    public decimal NetRevenueDuring(DateOnly from, DateOnly to) =>
        Transactions.Where(t => t.Date >= from && t.Date <= to).Sum(t => t.Amount);

    public string? GroupKey(CostScope scope) => scope switch
    {
        CostScope.Customer => Profile.CustomerId,
        CostScope.Segment => Profile.Segment,
        CostScope.Channel => Profile.Channel,
        CostScope.Campaign => Profile.Campaign,
        _ => null,
    };

    public static Dictionary<string, CustomerLedger> Build(
        IEnumerable<CustomerProfile> profiles, IEnumerable<Transaction> transactions, IEnumerable<Subscription> subscriptions, DateOnly asOf)
    {
        var ledgers = new Dictionary<string, CustomerLedger>(StringComparer.Ordinal);
        foreach (var p in profiles) ledgers[p.CustomerId] = new CustomerLedger(p);
        CustomerLedger Get(string id) => ledgers.TryGetValue(id, out var l) ? l : ledgers[id] = new CustomerLedger(new CustomerProfile(id));
        foreach (var t in transactions) if (t.Date <= asOf) Get(t.CustomerId).Transactions.Add(t);
        foreach (var s in subscriptions) if (s.Start <= asOf) Get(s.CustomerId).Subscriptions.Add(s);
        return ledgers;
    }
}

/// <summary>Turns cost entries into per-customer costs by an explicit rule.</summary>
public static class CostAllocator
{
    public static string Describe(CostAllocationRule rule) => rule switch
    {
        CostAllocationRule.EqualSplitOverActiveCustomers =>
            "customer-scoped costs go to that customer; segment, channel and campaign costs are split equally over the group's customers active in the cost's period (a purchase or an active subscription), acquisition costs over the group's customers acquired in the period",
        CostAllocationRule.ProportionalToRevenue =>
            "customer-scoped costs go to that customer; segment, channel and campaign costs are split over the group's customers in proportion to their net revenue in the cost's period",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown allocation rule."),
    };

    /// <summary>
    /// Allocates every cost whose period starts on or before <paramref name="asOf"/>. Support tickets with a cost are
    /// support costs of their customer. Costs that no customer qualifies for are returned as unallocated with a reason.
    /// </summary>
    public static CostAllocationResult Allocate(
        IEnumerable<CostEntry> costs, IEnumerable<CustomerProfile> profiles, IEnumerable<Transaction> transactions,
        IEnumerable<Subscription> subscriptions, DateOnly asOf, CostAllocationRule rule, IEnumerable<SupportTicket>? tickets = null) =>
        Allocate(costs, CustomerLedger.Build(profiles, transactions, subscriptions, asOf), asOf, rule, tickets);

    internal static CostAllocationResult Allocate(
        IEnumerable<CostEntry> costs, Dictionary<string, CustomerLedger> ledgers, DateOnly asOf, CostAllocationRule rule, IEnumerable<SupportTicket>? tickets)
    {
        var byCustomer = ledgers.Keys.ToDictionary(id => id, _ => CostBreakdown.Zero, StringComparer.Ordinal);
        var unallocated = new List<UnallocatedCost>();
        foreach (var ticket in tickets ?? [])
        {
            if (ticket.Cost is not { } cost || ticket.OpenedOn > asOf) continue;
            byCustomer[ticket.CustomerId] = byCustomer.GetValueOrDefault(ticket.CustomerId, CostBreakdown.Zero).Add(CostCategory.Support, cost);
        }
        foreach (var cost in costs)
        {
            if (cost.PeriodStart > asOf) continue;
            if (cost.PeriodEnd < cost.PeriodStart)
            {
                unallocated.Add(new UnallocatedCost(cost, "the period ends before it starts."));
                continue;
            }
            if (cost.Scope == CostScope.Customer)
            {
                byCustomer[cost.ScopeKey] = byCustomer.GetValueOrDefault(cost.ScopeKey, CostBreakdown.Zero).Add(cost.Category, cost.Amount);
                continue;
            }
            var group = ledgers.Values.Where(l => string.Equals(l.GroupKey(cost.Scope), cost.ScopeKey, StringComparison.Ordinal)).ToList();
            var shares = Shares(cost, group, rule, out var reason);
            if (shares is null)
            {
                unallocated.Add(new UnallocatedCost(cost, reason!));
                continue;
            }
            foreach (var (id, share) in shares)
                byCustomer[id] = byCustomer[id].Add(cost.Category, cost.Amount * share);
        }
        return new CostAllocationResult(byCustomer, unallocated, rule);
    }

    private static List<(string Id, decimal Share)>? Shares(CostEntry cost, List<CustomerLedger> group, CostAllocationRule rule, out string? reason)
    {
        reason = null;
        var scope = $"{cost.Scope.ToString().ToLowerInvariant()} '{cost.ScopeKey}'";
        if (group.Count == 0)
        {
            reason = $"no customer belongs to {scope}.";
            return null;
        }
        if (rule == CostAllocationRule.EqualSplitOverActiveCustomers)
        {
            var eligible = cost.Category == CostCategory.Acquisition
                ? group.Where(l => l.AcquiredOn is { } d && d >= cost.PeriodStart && d <= cost.PeriodEnd).ToList()
                : group.Where(l => l.IsActiveDuring(cost.PeriodStart, cost.PeriodEnd)).ToList();
            if (eligible.Count == 0)
            {
                reason = cost.Category == CostCategory.Acquisition
                    ? $"no customer of {scope} was acquired between {cost.PeriodStart:yyyy-MM-dd} and {cost.PeriodEnd:yyyy-MM-dd}."
                    : $"no customer of {scope} was active between {cost.PeriodStart:yyyy-MM-dd} and {cost.PeriodEnd:yyyy-MM-dd}.";
                return null;
            }
            return eligible.Select(l => (l.Profile.CustomerId, 1m / eligible.Count)).ToList();
        }
        var revenue = group.Select(l => (l.Profile.CustomerId, Revenue: Math.Max(0, l.NetRevenueDuring(cost.PeriodStart, cost.PeriodEnd)))).ToList();
        var total = revenue.Sum(r => r.Revenue);
        if (total <= 0)
        {
            reason = $"customers of {scope} had no revenue between {cost.PeriodStart:yyyy-MM-dd} and {cost.PeriodEnd:yyyy-MM-dd} to share it by.";
            return null;
        }
        return revenue.Where(r => r.Revenue > 0).Select(r => (r.CustomerId, r.Revenue / total)).ToList();
    }
}
