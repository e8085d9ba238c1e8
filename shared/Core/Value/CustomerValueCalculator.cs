using CustomerValue.Domain;

namespace CustomerValue.Value;

/// <summary>
/// One customer's value to date. Revenue is net of refunds (transactions up to the as-of day; subscription invoices
/// are expected among the transactions). ROI = (revenue - cost) / cost; it is null when no cost was allocated, since
/// a ratio over zero cost has no meaning (see <see cref="RoiNote"/>).
/// </summary>
public sealed record CustomerValueFigures
{
    public required string CustomerId { get; init; }
    public string? Segment { get; init; }
    public string? Channel { get; init; }
    public required int Orders { get; init; }
    public required decimal GrossRevenue { get; init; }
    public required decimal Refunds { get; init; }
    public decimal Revenue => GrossRevenue - Refunds;
    /// <summary>Gross revenue / orders; null without orders.</summary>
    public decimal? AverageTransactionSize { get; init; }
    /// <summary>Mean annualised recurring value of the customer's subscriptions; null without subscriptions.</summary>
    public decimal? AverageContractValue { get; init; }
    /// <summary>Orders per 365.25 days of tenure; null when the tenure is zero days.</summary>
    public double? PurchasesPerYear { get; init; }
    public DateOnly? FirstActivity { get; init; }
    /// <summary>Days from the first purchase or subscription start to the as-of day (or the last day of service, if it ended).</summary>
    public int TenureDays { get; init; }
    public required CostBreakdown Costs { get; init; }
    public decimal? Margin { get; init; }
    /// <summary>Revenue x margin when a margin is known.</summary>
    public decimal? GrossProfit => Margin is { } m ? Revenue * m : null;
    public decimal? Roi { get; init; }
    public required string RoiNote { get; init; }
    /// <summary>Net revenue to date x margin when known, else net revenue to date (see <see cref="HistoricalClvBasis"/>).</summary>
    public required decimal HistoricalClv { get; init; }
    public required string HistoricalClvBasis { get; init; }
}

/// <summary>Per-customer revenue, cost, ROI and historical CLV at a given day.</summary>
public static class CustomerValueCalculator
{
    public const string RoiDefinition = "ROI = (net revenue - total cost) / total cost";

    public static (IReadOnlyList<CustomerValueFigures> Customers, CostAllocationResult Allocation) Calculate(
        IEnumerable<CustomerProfile> profiles, IEnumerable<Transaction> transactions, IEnumerable<Subscription> subscriptions,
        IEnumerable<CostEntry> costs, DateOnly asOf, CostAllocationRule rule, IEnumerable<SupportTicket>? tickets = null)
    {
        var ledgers = CustomerLedger.Build(profiles, transactions, subscriptions, asOf);
        var allocation = CostAllocator.Allocate(costs, ledgers, asOf, rule, tickets);
        var figures = ledgers.Values.Select(l => Figures(l, allocation.ByCustomer.GetValueOrDefault(l.Profile.CustomerId, CostBreakdown.Zero), asOf))
            .OrderBy(f => f.CustomerId, StringComparer.Ordinal)
            .ToList();
        return (figures, allocation);
    }

    /// <summary>ROI and the sentence that explains it: null with "undefined" when cost is zero.</summary>
    public static (decimal? Roi, string Note) Roi(decimal revenue, decimal cost) => cost == 0
        ? (null, "undefined: no cost is allocated to this customer, so (revenue - cost) / cost has no value")
        : ((revenue - cost) / cost, RoiDefinition);

    /// <summary>
    /// Tenure runs to the as-of day, except for a customer whose subscriptions have all ended: then to the later of
    /// the last day of service and the last purchase.
    /// </summary>
    private static DateOnly TenureEnd(CustomerLedger ledger, List<Transaction> purchases, DateOnly asOf)
    {
        if (ledger.Subscriptions.Count == 0 || !ledger.Subscriptions.All(s => s.LastDay is { } d && d < asOf)) return asOf;
        var lastService = ledger.Subscriptions.Max(s => s.LastDay!.Value);
        var lastPurchase = purchases.Count > 0 ? purchases.Max(t => t.Date) : lastService;
        return lastPurchase > lastService ? lastPurchase : lastService;
    }

    private static CustomerValueFigures Figures(CustomerLedger ledger, CostBreakdown costs, DateOnly asOf)
    {
        var purchases = ledger.Transactions.Where(t => t.Amount > 0).ToList();
        var gross = purchases.Sum(t => t.Amount);
        var refunds = -ledger.Transactions.Where(t => t.Amount < 0).Sum(t => t.Amount);
        var first = ledger.FirstActivity;
        var tenureEnd = TenureEnd(ledger, purchases, asOf);
        var tenure = first is { } f ? Math.Max(0, tenureEnd.DayNumber - f.DayNumber) : 0;
        var (roi, note) = Roi(gross - refunds, costs.Total);
        var margin = ledger.Profile.Margin;
        return new CustomerValueFigures
        {
            CustomerId = ledger.Profile.CustomerId,
            Segment = ledger.Profile.Segment,
            Channel = ledger.Profile.Channel,
            Orders = purchases.Count,
            GrossRevenue = gross,
            Refunds = refunds,
            AverageTransactionSize = purchases.Count == 0 ? null : gross / purchases.Count,
            AverageContractValue = ledger.Subscriptions.Count == 0 ? null : ledger.Subscriptions.Average(s => s.AnnualizedValue),
            PurchasesPerYear = tenure == 0 ? null : purchases.Count / (tenure / 365.25),
            FirstActivity = first,
            TenureDays = tenure,
            Costs = costs,
            Margin = margin,
            Roi = roi,
            RoiNote = note,
            HistoricalClv = margin is { } m ? (gross - refunds) * m : gross - refunds,
            HistoricalClvBasis = margin is null ? "net revenue to date (no margin given)" : "net revenue to date x margin",
        };
    }
}
