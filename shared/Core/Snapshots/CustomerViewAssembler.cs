using CustomerValue.Churn;
using CustomerValue.Domain;
using CustomerValue.Kpis;
using CustomerValue.Metrics;
using CustomerValue.Models;
using CustomerValue.Segments;
using CustomerValue.Value;

namespace CustomerValue.Snapshots;

/// <summary>One scored survey comment, as the assembler needs it (the response id dates it through its answer).</summary>
public sealed record CommentScore(string? ResponseId, string? CustomerId, double Compound, string Label, IReadOnlyList<(string Topic, double Compound)> Aspects);

/// <summary>Everything known about the customer base, as read from storage: every upload, all of history.</summary>
public sealed record CustomerBase
{
    public IReadOnlyList<CustomerPurchaseSummary> Purchases { get; init; } = [];
    public IReadOnlyList<CustomerRecord> Profiles { get; init; } = [];
    public IReadOnlyList<CostRecord> Costs { get; init; } = [];
    public IReadOnlyList<SubscriptionRecord> Subscriptions { get; init; } = [];
    public IReadOnlyList<TicketRecord> Tickets { get; init; } = [];
    public IReadOnlyList<SurveyResponse> Surveys { get; init; } = [];
    public IReadOnlyList<CommentScore> Comments { get; init; } = [];
}

/// <summary>
/// The customer view as of a day: one <see cref="CustomerView"/> per customer known at the day, what the CLV model
/// said, the newest dated row the view saw (<see cref="DataThrough"/>) and the warnings.
/// </summary>
public sealed record AssembledCustomers(
    DateOnly AsOf,
    IReadOnlyList<CustomerView> Customers,
    ClvAnalysisResult? Clv,
    IReadOnlyList<string> Warnings,
    DateOnly? DataThrough = null,
    IReadOnlyList<CustomerPurchaseSummary>? Purchases = null)
{
    /// <summary>True when the view is dated more than one activity window after its newest data (or has no dated data).</summary>
    public bool Stale { get; init; }
    /// <summary>The repeat-purchase model of the customers without a contract (bgnbd, mbgnbd, paretonbd); null without purchases.</summary>
    public string? ClvModel { get; init; }
    /// <summary>Why that model: the holdout it was judged on and every candidate's error, or the setting that named it.</summary>
    public string? ClvModelStatement { get; init; }
}

/// <summary>
/// Pure: the customer view as of a day. Cuts the customer base to what happened at or before the day
/// (<see cref="PointInTime"/>), fits the repeat-purchase and spend models on that alone (calibration end = the day),
/// allocates the cost lines (<see cref="CostAllocator"/>) and gives every customer the figures of the one value model
/// (<see cref="CustomerValueModel"/>). Customers are the union of buyers, profiles and subscribers known at the day.
/// </summary>
public static class CustomerViewAssembler
{
    /// <param name="activeWindowDays">Days before the as-of day in which a purchase makes a customer active; a view more than this after its newest data is stale.</param>
    public static AssembledCustomers Assemble(CustomerBase everything, DateOnly asOf, ValueOptions options, int activeWindowDays = KpiCalculator.DefaultActiveWindowDays)
    {
        var data = PointInTime.Cut(everything, asOf);
        var warnings = new List<string>();
        var dataThrough = PointInTime.NewestDatedRow(data);
        var stale = dataThrough is not { } through || asOf.DayNumber - through.DayNumber > activeWindowDays;
        if (stale) warnings.Add(StaleWarning(asOf, dataThrough, activeWindowDays));

        var purchases = data.Purchases.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);
        var profiles = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        foreach (var p in data.Profiles) profiles[p.CustomerId] = p; // later uploads win
        var subscriptions = data.Subscriptions.GroupBy(s => s.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tickets = data.Tickets.GroupBy(t => t.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ticketCost = data.Tickets.Where(t => t.Cost is not null).GroupBy(t => t.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Cost!.Value), StringComparer.Ordinal);
        var latestSurvey = data.Surveys.Where(s => s.CustomerId is not null).GroupBy(s => s.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.SubmittedAt ?? DateTime.MinValue).ToList(), StringComparer.Ordinal);
        var comments = data.Comments.Where(c => c.CustomerId is not null).GroupBy(c => c.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var ids = new SortedSet<string>(purchases.Keys, StringComparer.Ordinal);
        ids.UnionWith(profiles.Keys);
        ids.UnionWith(subscriptions.Keys);

        var groups = ids.Select(id => GroupsOf(id, profiles.GetValueOrDefault(id), subscriptions.GetValueOrDefault(id))).ToList();
        var allocation = CostAllocator.Allocate(data.Costs, groups);
        warnings.AddRange(allocation.Warnings);
        var clvModel = data.Purchases.Count == 0 ? null : ClvModelChooser.Decide(data.Purchases, asOf, options);
        var clv = clvModel is null ? null : FitClv(data.Purchases, asOf, clvModel.Kind, options, warnings);
        var predictions = clv?.Predictions.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);
        var contracts = FitContracts(subscriptions, asOf, options, warnings);

        var nonContractRule = NonContractualChurn.RuleText(options); // the same words for every customer
        var views = new List<CustomerView>(ids.Count);
        foreach (var id in ids)
        {
            purchases.TryGetValue(id, out var bought);
            profiles.TryGetValue(id, out var profile);
            subscriptions.TryGetValue(id, out var subs);
            var surveys = latestSurvey.GetValueOrDefault(id);
            var said = comments.GetValueOrDefault(id);
            var value = CustomerValueModel.Evaluate(
                new CustomerValueInputs(id, bought, profile, subs, allocation.ByCustomer.GetValueOrDefault(id, CostBreakdown.Zero),
                    ticketCost.TryGetValue(id, out var tc) ? tc : null, predictions?.GetValueOrDefault(id), contracts.GetValueOrDefault(id)),
                asOf, options, activeWindowDays, nonContractRule);
            var contract = ContractOf(subs);
            var known = value.Cost is not null;

            views.Add(new CustomerView
            {
                CustomerId = id,
                SignupDate = profile?.SignupDate ?? subs?.Min(s => s.Start) ?? bought?.FirstPurchase,
                Plan = profile?.Plan ?? contract,
                AcquisitionChannel = profile?.AcquisitionChannel,
                ContractType = contract,
                Occupation = profile?.Occupation,
                AgeYears = profile?.Age,
                BirthYear = profile?.BirthYear,
                Country = profile?.Country,
                Region = profile?.Region,
                City = profile?.City,
                Orders = bought?.Orders ?? 0,
                PurchaseDays = bought?.PurchaseDays ?? 0,
                Revenue = value.Revenue,
                TransactionRevenue = value.TransactionRevenue,
                SubscriptionRevenue = value.SubscriptionRevenue,
                Cost = value.Cost,
                AcquisitionCost = known ? value.Costs.Acquisition : null,
                AllocatedCost = known ? value.Costs.Allocated : null,
                AllocatedAcquisitionCost = known ? value.Costs.AllocatedAcquisition : null,
                Campaign = CostAllocator.CampaignOf(profile),
                SupportCost = known ? value.Costs.Support : null,
                TicketsOpened = tickets.GetValueOrDefault(id),
                ServiceCost = known ? value.Costs.Service : null,
                OtherCost = known ? value.Costs.Other : null,
                Roi = value.Roi,
                FirstPurchase = bought?.FirstPurchase,
                LastPurchase = bought?.LastPurchase,
                AverageTransactionSize = bought is { Orders: > 0 } ? bought.GrossRevenue / bought.Orders : 0,
                HistoricalClv = value.HistoricalClv,
                PredictedClv = value.PredictedClv,
                ProbabilityAlive = value.ProbabilityAlive,
                Active = value.Active,
                Churned = value.Churned,
                ChurnRule = value.ChurnRule,
                ChurnProbability = value.ChurnProbability,
                NpsScore = surveys?.LastOrDefault(s => s.Nps is not null)?.Nps,
                Csat = surveys?.LastOrDefault(s => s.Csat is not null)?.Csat,
                SentimentCompound = said is null ? null : said.Average(c => c.Compound),
                SentimentLabel = said?.GroupBy(c => c.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key,
                Aspects = said?.SelectMany(c => c.Aspects).Select(a => new AspectMention(a.Topic, a.Compound)).ToList() ?? [],
            });
        }
        return new AssembledCustomers(asOf, views, clv, warnings, dataThrough, data.Purchases)
        {
            Stale = stale, ClvModel = clvModel?.Name, ClvModelStatement = clvModel?.Statement,
        };
    }

    /// <summary>The warning a snapshot far after its data carries, for every report and the email.</summary>
    public static string StaleWarning(DateOnly asOf, DateOnly? dataThrough, int windowDays) => dataThrough is { } through
        ? FormattableString.Invariant($"This snapshot is dated {asOf:yyyy-MM-dd}, {asOf.DayNumber - through.DayNumber} days after the newest data ({through:yyyy-MM-dd}), more than the {windowDays}-day activity window: activity, churn and P(alive) describe a base that has not been heard from since.")
        : FormattableString.Invariant($"This snapshot is dated {asOf:yyyy-MM-dd} and no dated data at or before that day exists.");

    private static CostGroups GroupsOf(string id, CustomerRecord? profile, List<SubscriptionRecord>? subs) =>
        new(id, CostAllocator.CampaignOf(profile), profile?.Plan, profile?.AcquisitionChannel, profile?.Country, profile?.Region, profile?.Occupation, ContractOf(subs));

    /// <summary>The plan of the customer's latest subscription that names one: the "contract" dimension.</summary>
    private static string? ContractOf(List<SubscriptionRecord>? subs) => subs?.Select(s => s.Plan).LastOrDefault(p => p is not null);

    /// <summary>
    /// Contract customers valued by a shifted-beta-geometric model per contract cohort (the plan of the latest
    /// subscription), fitted on the renewals completed by the as-of day: P(churn at the next renewal) and CLV =
    /// discounted expected residual lifetime x recurring value x margin. Renewals are months (or the subscription's
    /// billing period); a subscription without dates counts its tenure months.
    /// </summary>
    private static Dictionary<string, ContractCustomerValue> FitContracts(
        Dictionary<string, List<SubscriptionRecord>> subscriptions, DateOnly asOf, ValueOptions options, List<string> warnings)
    {
        var customers = new List<ContractCustomer>();
        foreach (var (id, subs) in subscriptions)
        {
            var latest = subs[^1];
            if (ContractOf(subs) is not { } cohort || latest.RecurringValue is not { } recurring) continue;
            // Cancelled at renewal t after t billed periods; still active in its t-th period after t - 1 renewals.
            var churned = CustomerValueModel.ContractChurn(subs, asOf) == true;
            var periods = latest.Start is not null
                ? CustomerValueModel.BilledPeriods(latest, asOf) - (churned ? 0 : 1)
                : latest.TenureMonths ?? -1;
            if (periods < (churned ? 1 : 0)) continue;
            customers.Add(new ContractCustomer(id, cohort, periods, churned, recurring));
        }
        if (customers.Count == 0) return new Dictionary<string, ContractCustomerValue>(StringComparer.Ordinal);
        try
        {
            var result = ContractValueCalculator.Calculate(customers, new ContractValueOptions
            {
                DiscountRate = Math.Pow(1 + options.AnnualDiscountRate, 1.0 / 12) - 1,
                Margin = options.Margin,
            });
            warnings.AddRange(result.Warnings);
            return result.Customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        }
        catch (ModelFitException e)
        {
            warnings.Add($"sBG not fitted for the contracts: {e.Message} Their predicted CLV and churn probability are left empty.");
            return new Dictionary<string, ContractCustomerValue>(StringComparer.Ordinal);
        }
    }

    /// <summary>The repeat-purchase model <paramref name="kind"/> (chosen by <see cref="ClvModelChooser"/>) and Gamma-Gamma, fitted on every purchase up to the day.</summary>
    private static ClvAnalysisResult? FitClv(IReadOnlyList<CustomerPurchaseSummary> purchases, DateOnly asOf, RepeatPurchaseModelKind kind, ValueOptions options, List<string> warnings)
    {
        var observations = purchases.Where(p => p.FirstPurchase is { } first && first <= asOf)
            .Select(p => CustomerValueModel.Observe(p, asOf))
            .ToList();
        if (observations.Count == 0) return null;
        try
        {
            var result = ClvAnalysis.Run(observations, kind, CustomerValueModel.ClvOptionsOf(options));
            warnings.AddRange(result.Warnings);
            return result;
        }
        catch (ModelFitException e)
        {
            warnings.Add($"{RepeatPurchaseModels.NameOf(kind)} not fitted: {e.Message} Predicted CLV and P(alive) are left empty.");
            return null;
        }
    }
}
