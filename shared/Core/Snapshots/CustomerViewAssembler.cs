using CustomerValue.Domain;
using CustomerValue.Kpis;
using CustomerValue.Models;
using CustomerValue.Segments;

namespace CustomerValue.Snapshots;

/// <summary>What transactions add up to per customer, with the repeat-purchase summary the CLV models need.</summary>
public sealed record PurchaseTotals(CustomerTotals Totals, int RepeatPurchases, int RecencyDays, decimal MeanRepeatSpend);

/// <summary>One scored survey comment, as the assembler needs it.</summary>
public sealed record CommentScore(string? CustomerId, double Compound, string Label, IReadOnlyList<(string Topic, double Compound)> Aspects);

/// <summary>Everything known about the customer base at one moment, as read from storage.</summary>
public sealed record CustomerBase
{
    public IReadOnlyList<PurchaseTotals> Purchases { get; init; } = [];
    public IReadOnlyList<CustomerRecord> Profiles { get; init; } = [];
    public IReadOnlyList<CostRecord> Costs { get; init; } = [];
    public IReadOnlyList<SubscriptionRecord> Subscriptions { get; init; } = [];
    public IReadOnlyList<TicketRecord> Tickets { get; init; } = [];
    public IReadOnlyList<SurveyResponse> Surveys { get; init; } = [];
    public IReadOnlyList<CommentScore> Comments { get; init; } = [];
}

/// <summary>Settings section "Value": how predicted CLV and historical value are worked out.</summary>
public sealed class ValueOptions
{
    public const string Section = "Value";
    /// <summary>Forecast horizon of predicted CLV, in weeks.</summary>
    public int HorizonWeeks { get; set; } = 52;
    /// <summary>Yearly discount rate of predicted CLV (0.10 = 10% a year).</summary>
    public double AnnualDiscountRate { get; set; } = 0.10;
    /// <summary>Gross margin applied to revenue for CLV (1 = revenue is value).</summary>
    public double Margin { get; set; } = 1.0;
    /// <summary>How a customer without a contract is judged churned: by the model or by inactivity.</summary>
    public NonContractChurnRule NonContractChurn { get; set; } = NonContractChurnRule.Model;
    /// <summary>With the model rule: below this P(alive) a customer without a contract counts as churned.</summary>
    public double ChurnedBelowProbabilityAlive { get; set; } = 0.5;
    /// <summary>With the inactivity rule: no purchase for this many days counts as churned.</summary>
    public int InactivityDays { get; set; } = 180;
}

public enum NonContractChurnRule { Model, Inactivity }

/// <summary>The result of assembling: one view per customer, and what the CLV model said on the way.</summary>
public sealed record AssembledCustomers(IReadOnlyList<CustomerView> Customers, ClvAnalysisResult? Clv, IReadOnlyList<string> Warnings);

/// <summary>
/// Pure: joins transactions, profiles, costs, subscriptions, tickets and survey answers into one
/// <see cref="CustomerView"/> per customer, and fits the repeat-purchase and spend models for P(alive) and
/// predicted CLV. Costs go to customers as <see cref="AllocateCosts"/> says: the customer's own, then an equal share
/// of the campaign's, segment's or acquisition channel's; what finds no customer stays in the totals' cost but in no
/// customer's, and a warning says how much and why.
/// </summary>
public static class CustomerViewAssembler
{
    private const double DaysPerWeek = 7;

    public static AssembledCustomers Assemble(CustomerBase data, DateOnly asOf, ValueOptions options)
    {
        var warnings = new List<string>();
        var purchases = data.Purchases.ToDictionary(p => p.Totals.CustomerId, StringComparer.Ordinal);
        var profiles = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        foreach (var p in data.Profiles) profiles[p.CustomerId] = p; // later uploads win
        var subscriptions = data.Subscriptions.GroupBy(s => s.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var supportCost = data.Tickets.Where(t => t.Cost is not null).GroupBy(t => t.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Cost!.Value), StringComparer.Ordinal);
        var latestSurvey = data.Surveys.Where(s => s.CustomerId is not null).GroupBy(s => s.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.SubmittedAt ?? DateTime.MinValue).ToList(), StringComparer.Ordinal);
        var comments = data.Comments.Where(c => c.CustomerId is not null).GroupBy(c => c.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var ids = new SortedSet<string>(purchases.Keys, StringComparer.Ordinal);
        ids.UnionWith(profiles.Keys);
        ids.UnionWith(subscriptions.Keys);

        var directCost = AllocateCosts(data.Costs, ids, profiles, subscriptions, warnings);
        var clv = FitClv(data.Purchases, asOf, options, warnings);
        var predictions = clv?.Predictions.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);

        var nonContractRule = NonContractChurnRuleText(options); // the same words for every customer
        var views = new List<CustomerView>(ids.Count);
        foreach (var id in ids)
        {
            purchases.TryGetValue(id, out var bought);
            profiles.TryGetValue(id, out var profile);
            subscriptions.TryGetValue(id, out var subs);
            var prediction = predictions?.GetValueOrDefault(id);
            var surveys = latestSurvey.GetValueOrDefault(id);
            var said = comments.GetValueOrDefault(id);

            var subscriptionRevenue = subs?.Sum(s => s.TotalValue ?? (s.RecurringValue ?? 0) * (s.TenureMonths ?? 0)) ?? 0;
            var revenue = (bought?.Totals.GrossRevenue - bought?.Totals.Refunds ?? 0) + subscriptionRevenue;
            var acquisition = profile?.AcquisitionCost;
            var support = supportCost.TryGetValue(id, out var sc) ? sc : (decimal?)null;
            var other = directCost.TryGetValue(id, out var oc) ? oc : (decimal?)null;
            decimal? cost = acquisition is null && support is null && other is null ? null : (acquisition ?? 0) + (support ?? 0) + (other ?? 0);
            var (churned, churnRule) = ObservedChurn(subs, asOf) is { } ended
                ? (ended, ContractChurnRule)
                : (NonContractChurn(bought, prediction, asOf, options), nonContractRule);
            var contract = ContractOf(subs);

            views.Add(new CustomerView
            {
                CustomerId = id,
                SignupDate = profile?.SignupDate ?? subs?.Min(s => s.Start) ?? bought?.Totals.FirstPurchase,
                Plan = profile?.Plan ?? contract,
                AcquisitionChannel = profile?.AcquisitionChannel,
                ContractType = contract,
                Occupation = profile?.Occupation,
                AgeYears = profile?.Age,
                BirthYear = profile?.BirthYear,
                Country = profile?.Country,
                Region = profile?.Region,
                City = profile?.City,
                Orders = bought?.Totals.Orders ?? 0,
                PurchaseDays = bought?.Totals.PurchaseDays ?? 0,
                Revenue = revenue,
                Cost = cost,
                AcquisitionCost = acquisition,
                SupportCost = support,
                FirstPurchase = bought?.Totals.FirstPurchase,
                LastPurchase = bought?.Totals.LastPurchase,
                AverageTransactionSize = bought is { Totals.Orders: > 0 } ? bought.Totals.GrossRevenue / bought.Totals.Orders : 0,
                HistoricalClv = Math.Round(revenue * (decimal)options.Margin - (cost ?? 0), 2),
                PredictedClv = prediction?.Clv is { } v ? Math.Round((decimal)v, 2) : null,
                ProbabilityAlive = prediction?.ProbabilityAlive,
                Churned = churned,
                ChurnRule = churned is null ? null : churnRule,
                ChurnProbability = prediction is not null ? 1 - prediction.ProbabilityAlive : null,
                NpsScore = surveys?.LastOrDefault(s => s.Nps is not null)?.Nps,
                Csat = surveys?.LastOrDefault(s => s.Csat is not null)?.Csat,
                SentimentCompound = said is null ? null : said.Average(c => c.Compound),
                SentimentLabel = said?.GroupBy(c => c.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key,
                Aspects = said?.SelectMany(c => c.Aspects).Select(a => new AspectMention(a.Topic, a.Compound)).ToList() ?? [],
            });
        }
        return new AssembledCustomers(views, clv, warnings);
    }

    public const string ContractChurnRule = "every contract ended or was cancelled";

    /// <summary>The rule for customers without contracts, in the words the segments print.</summary>
    public static string NonContractChurnRuleText(ValueOptions options) => options.NonContractChurn switch
    {
        NonContractChurnRule.Model => FormattableString.Invariant($"P(alive) below {options.ChurnedBelowProbabilityAlive} in the repeat-purchase model"),
        _ => FormattableString.Invariant($"no purchase in the last {options.InactivityDays} days"),
    };

    /// <summary>For customers without contracts: P(alive) under the threshold, or no purchase within the inactivity window.</summary>
    private static bool? NonContractChurn(PurchaseTotals? bought, ClvPrediction? prediction, DateOnly asOf, ValueOptions options) =>
        options.NonContractChurn switch
        {
            NonContractChurnRule.Model => prediction is null ? null : prediction.ProbabilityAlive < options.ChurnedBelowProbabilityAlive,
            _ => bought?.Totals.LastPurchase is { } last ? asOf.DayNumber - last.DayNumber > options.InactivityDays : null,
        };

    /// <summary>Churned when every known subscription ended or was cancelled on or before <paramref name="asOf"/>; null without subscriptions.</summary>
    private static bool? ObservedChurn(List<SubscriptionRecord>? subs, DateOnly asOf)
    {
        if (subs is null || subs.Count == 0) return null;
        if (subs.Any(s => s.Churned is not null) && subs.All(s => s.Start is null && s.End is null && s.CancelledOn is null))
            return subs.All(s => s.Churned == true);
        return subs.All(s => (s.End ?? s.CancelledOn) is { } last && last <= asOf);
    }

    /// <summary>
    /// Costs to customers. A cost line goes to the most specific group the file names that has customers: the
    /// customer; the campaign (customers whose profile has a campaign column with that value); the segment, written
    /// "dimension:value" over a profile dimension (plan, channel, country, region, occupation, contract); the
    /// acquisition channel. A group's cost is split equally over its customers. Whatever finds no customer is listed
    /// in a warning, by reason, and stays out of every customer's cost.
    /// </summary>
    private static Dictionary<string, decimal> AllocateCosts(IReadOnlyList<CostRecord> costs, IReadOnlySet<string> ids,
        IReadOnlyDictionary<string, CustomerRecord> profiles, IReadOnlyDictionary<string, List<SubscriptionRecord>> subscriptions, List<string> warnings)
    {
        var byCustomer = new Dictionary<string, decimal>(StringComparer.Ordinal);
        // One pass over the customers per field a cost names: value -> its customers.
        var indexes = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        List<string> Members(string field, string value)
        {
            if (!indexes.TryGetValue(field, out var index))
            {
                indexes[field] = index = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var id in ids)
                    if (GroupValue(field, id, profiles, subscriptions) is { Length: > 0 } v)
                        (index.TryGetValue(v, out var list) ? list : index[v] = []).Add(id);
            }
            return index.TryGetValue(value.Trim(), out var members) ? members : [];
        }
        var unallocated = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var cost in costs)
        {
            if (cost.CustomerId is { } id && ids.Contains(id))
            {
                byCustomer[id] = byCustomer.GetValueOrDefault(id) + cost.Amount;
                continue;
            }
            var members = cost.Campaign is { } campaign && Members(CampaignField, campaign) is { Count: > 0 } byCampaign ? byCampaign
                : cost.Segment is { } segment && SegmentField(segment) is { } dimension && Members(dimension.Field, dimension.Value) is { Count: > 0 } bySegment ? bySegment
                : cost.Channel is { } channel && Members(SegmentDimensions.Channel, channel) is { Count: > 0 } byChannel ? byChannel
                : null;
            if (members is null)
            {
                var reason = UnallocatedReason(cost);
                unallocated[reason] = unallocated.GetValueOrDefault(reason) + cost.Amount;
                continue;
            }
            var share = cost.Amount / members.Count;
            foreach (var m in members) byCustomer[m] = byCustomer.GetValueOrDefault(m) + share;
        }
        foreach (var (reason, amount) in unallocated)
            warnings.Add(FormattableString.Invariant($"{amount:0.00} of costs were not allocated to customers: {reason}."));
        return byCustomer;
    }

    private const string CampaignField = "campaign";

    /// <summary>Profile columns that name the campaign a customer came from (compared without case or punctuation).</summary>
    private static readonly HashSet<string> CampaignColumns = ["campaign", "campaignname", "utmcampaign", "acquisitioncampaign"];

    private static readonly string[] ProfileDimensions =
        [SegmentDimensions.Plan, SegmentDimensions.Channel, SegmentDimensions.Country, SegmentDimensions.Region, SegmentDimensions.Occupation, SegmentDimensions.Contract];

    /// <summary>"plan:pro" -> (plan, pro); null when the text names no profile dimension.</summary>
    private static (string Field, string Value)? SegmentField(string segment)
    {
        var colon = segment.IndexOf(':');
        if (colon <= 0 || colon == segment.Length - 1) return null;
        var dimension = segment[..colon].Trim().ToLowerInvariant();
        return ProfileDimensions.Contains(dimension) ? (dimension, segment[(colon + 1)..]) : null;
    }

    /// <summary>Why no customer took the cost: each group it names, and what was wrong with it.</summary>
    private static string UnallocatedReason(CostRecord cost)
    {
        var reasons = new List<string>();
        if (cost.CustomerId is { } id) reasons.Add($"customer '{id}' is not known");
        if (cost.Campaign is { } campaign) reasons.Add($"no customer profile names campaign '{campaign}' (a campaign column in the customers file links them)");
        if (cost.Segment is { } segment)
            reasons.Add(SegmentField(segment) is null
                ? $"segment '{segment}' is not written as dimension:value over {string.Join(", ", ProfileDimensions)}"
                : $"no customer is in segment '{segment}'");
        if (cost.Channel is { } channel) reasons.Add($"no customer was acquired through channel '{channel}'");
        return reasons.Count == 0 ? "the cost names no customer, campaign, segment or channel" : string.Join("; ", reasons);
    }

    /// <summary>A customer's value of a group field, as the profile (or, for the contract, the subscriptions) gives it.</summary>
    private static string? GroupValue(string field, string id, IReadOnlyDictionary<string, CustomerRecord> profiles,
        IReadOnlyDictionary<string, List<SubscriptionRecord>> subscriptions)
    {
        profiles.TryGetValue(id, out var profile);
        string? Contract() => ContractOf(subscriptions.GetValueOrDefault(id));
        var value = field switch
        {
            CampaignField => profile?.Attributes?.FirstOrDefault(a => CampaignColumns.Contains(new string([.. a.Key.Where(char.IsLetterOrDigit)]).ToLowerInvariant())).Value,
            SegmentDimensions.Plan => profile?.Plan ?? Contract(),
            SegmentDimensions.Channel => profile?.AcquisitionChannel,
            SegmentDimensions.Country => profile?.Country,
            SegmentDimensions.Region => profile?.Region,
            SegmentDimensions.Occupation => profile?.Occupation,
            SegmentDimensions.Contract => Contract(),
            _ => null,
        };
        return value?.Trim();
    }

    /// <summary>The plan of the customer's latest subscription that names one: the "contract" dimension.</summary>
    private static string? ContractOf(List<SubscriptionRecord>? subs) => subs?.Select(s => s.Plan).LastOrDefault(p => p is not null);

    /// <summary>The weekly rate that compounds to <paramref name="annualRate"/> over 52 weeks.</summary>
    public static double WeeklyRate(double annualRate) => Math.Pow(1 + annualRate, 1 / 52.0) - 1;

    /// <summary>The model's observation of one customer at <paramref name="asOf"/>, in weeks.</summary>
    public static RfmObservation Observe(PurchaseTotals p, DateOnly asOf) =>
        new(p.Totals.CustomerId, p.RepeatPurchases, p.RecencyDays / DaysPerWeek,
            (asOf.DayNumber - p.Totals.FirstPurchase!.Value.DayNumber) / DaysPerWeek, (double)p.MeanRepeatSpend);

    private static ClvAnalysisResult? FitClv(IReadOnlyList<PurchaseTotals> purchases, DateOnly asOf, ValueOptions options, List<string> warnings)
    {
        var observations = purchases.Where(p => p.Totals.FirstPurchase is { } first && first <= asOf)
            .Select(p => Observe(p, asOf))
            .ToList();
        if (observations.Count == 0) return null;
        try
        {
            var weeklyRate = WeeklyRate(options.AnnualDiscountRate);
            var result = ClvAnalysis.Run(observations, RepeatPurchaseModelKind.BgNbd,
                new ClvOptions { Periods = options.HorizonWeeks, PeriodLength = 1, DiscountRate = weeklyRate, Margin = options.Margin });
            warnings.AddRange(result.Warnings);
            return result;
        }
        catch (ModelFitException e)
        {
            warnings.Add($"BG/NBD not fitted: {e.Message} Predicted CLV and P(alive) are left empty.");
            return null;
        }
    }
}
