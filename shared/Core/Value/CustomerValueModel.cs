using System.ComponentModel.DataAnnotations;
using CustomerValue.Churn;
using CustomerValue.Domain;
using CustomerValue.Metrics;
using CustomerValue.Models;

namespace CustomerValue.Value;

/// <summary>Settings section "Value": how predicted CLV and historical value are worked out.</summary>
public sealed class ValueOptions
{
    public const string Section = "Value";
    /// <summary>Forecast horizon of predicted CLV, in weeks.</summary>
    [Range(1, 520)]
    public int HorizonWeeks { get; set; } = 52;
    /// <summary>Yearly discount rate of predicted CLV (0.10 = 10% a year).</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double AnnualDiscountRate { get; set; } = 0.10;
    /// <summary>Gross margin applied to revenue for CLV (1 = revenue is value).</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Margin { get; set; } = 1.0;
    /// <summary>How a customer without a contract is judged churned: by the model or by inactivity.</summary>
    public NonContractChurnRule NonContractChurn { get; set; } = NonContractChurnRule.Model;
    /// <summary>With the model rule: below this P(alive) a customer without a contract counts as churned.</summary>
    public double ChurnedBelowProbabilityAlive { get; set; } = 0.5;
    /// <summary>With the inactivity rule: no purchase for this many days counts as churned.</summary>
    public int InactivityDays { get; set; } = 180;
    /// <summary>
    /// The repeat-purchase model of customers without a contract: <c>Auto</c> (chosen by holdout fit on the data up to
    /// the snapshot day, see <see cref="ClvModelChooser"/>) or one of <c>bgnbd</c>, <c>mbgnbd</c>, <c>paretonbd</c>.
    /// </summary>
    public string RepeatPurchaseModel { get; set; } = AutoModel;
    public const string AutoModel = "Auto";

    /// <summary>True when <see cref="RepeatPurchaseModel"/> is Auto or a model name.</summary>
    public bool HasValidRepeatPurchaseModel =>
        string.Equals(RepeatPurchaseModel, AutoModel, StringComparison.OrdinalIgnoreCase) || RepeatPurchaseModels.TryParse(RepeatPurchaseModel ?? "", out _);
}

/// <summary>Everything the value model needs of one customer, already cut to the as-of day.</summary>
public sealed record CustomerValueInputs(
    string CustomerId,
    CustomerPurchaseSummary? Purchases,
    CustomerRecord? Profile,
    IReadOnlyList<SubscriptionRecord>? Subscriptions,
    CostBreakdown AllocatedCosts,
    decimal? TicketCost,
    ClvPrediction? Prediction,
    ContractCustomerValue? Contract = null);

/// <summary>One customer's value at the as-of day, every figure as <see cref="ValueDefinitions"/> defines it.</summary>
public sealed record CustomerValueFigures
{
    public required decimal TransactionRevenue { get; init; }
    public required decimal SubscriptionRevenue { get; init; }
    public decimal Revenue => TransactionRevenue + SubscriptionRevenue;
    public required CostBreakdown Costs { get; init; }
    /// <summary>Null when nothing is known of the customer's cost (no acquisition cost, ticket or cost line).</summary>
    public required decimal? Cost { get; init; }
    public required double? Roi { get; init; }
    public required decimal HistoricalClv { get; init; }
    public required decimal? PredictedClv { get; init; }
    public required double? ProbabilityAlive { get; init; }
    /// <summary>The contract's P(churn at the next renewal) when the customer has one, else 1 - P(alive).</summary>
    public required double? ChurnProbability { get; init; }
    public required bool Active { get; init; }
    public required bool? Churned { get; init; }
    public required string? ChurnRule { get; init; }
}

/// <summary>
/// The one value model: revenue, cost, ROI, historical and predicted CLV, activity and churn of a customer at a day,
/// for the snapshot and the customer page alike. Pure; the as-of day is a parameter.
/// </summary>
public static class CustomerValueModel
{
    public const string ContractChurnRule = "every contract ended or was cancelled";

    /// <param name="activeWindowDays">Days before the as-of day in which a purchase makes the customer active (setting Snapshots:ActiveWindowDays).</param>
    public static CustomerValueFigures Evaluate(CustomerValueInputs c, DateOnly asOf, ValueOptions options, int activeWindowDays, string? nonContractRuleText = null)
    {
        var transactionRevenue = c.Purchases?.NetRevenue ?? 0;
        var subscriptionRevenue = c.Subscriptions?.Sum(s => BilledThrough(s, asOf)) ?? 0;
        var revenue = transactionRevenue + subscriptionRevenue;
        var costs = c.AllocatedCosts with
        {
            Acquisition = c.AllocatedCosts.Acquisition + (c.Profile?.AcquisitionCost ?? 0),
            Support = c.AllocatedCosts.Support + (c.TicketCost ?? 0),
        };
        decimal? cost = c.Profile?.AcquisitionCost is null && c.TicketCost is null && c.AllocatedCosts == CostBreakdown.Zero ? null : costs.Total;
        var (churned, rule) = ContractChurn(c.Subscriptions, asOf) is { } ended
            ? (ended, ContractChurnRule)
            : (NonContractualChurn.IsChurned(options, c.Prediction?.ProbabilityAlive, c.Purchases?.LastPurchase, asOf),
               nonContractRuleText ?? NonContractualChurn.RuleText(options));
        return new CustomerValueFigures
        {
            TransactionRevenue = transactionRevenue,
            SubscriptionRevenue = subscriptionRevenue,
            Costs = costs,
            Cost = cost,
            Roi = Roi(revenue, cost),
            HistoricalClv = Math.Round(revenue * (decimal)options.Margin - (cost ?? 0), 2),
            PredictedClv = c.Prediction?.Clv is null && c.Contract is null ? null
                : Math.Round((decimal)(c.Prediction?.Clv ?? 0) + (c.Contract?.Clv ?? 0), 2),
            ProbabilityAlive = c.Prediction?.ProbabilityAlive,
            ChurnProbability = c.Contract?.ProbabilityChurnNextPeriod ?? (c.Prediction is { } p ? 1 - p.ProbabilityAlive : null),
            Active = IsActive(c.Purchases?.LastPurchase, c.Subscriptions, asOf, activeWindowDays),
            Churned = churned,
            ChurnRule = churned is null ? null : rule,
        };
    }

    /// <summary>(revenue - cost) / cost; null when the cost is unknown or zero.</summary>
    public static double? Roi(decimal revenue, decimal? cost) => cost is { } c && c != 0 ? (double)((revenue - c) / c) : null;

    /// <summary>A purchase in the <paramref name="windowDays"/> days up to <paramref name="asOf"/>, or a subscription running on it.</summary>
    public static bool IsActive(DateOnly? lastPurchase, IReadOnlyList<SubscriptionRecord>? subscriptions, DateOnly asOf, int windowDays) =>
        (lastPurchase is { } last && last > asOf.AddDays(-windowDays) && last <= asOf)
        || (subscriptions?.Any(s => s.Start is { } start && start <= asOf && !((s.End ?? s.CancelledOn) is { } end && end <= asOf)) ?? false);

    /// <summary>
    /// What a subscription billed up to <paramref name="asOf"/>: with a start and a recurring value, the recurring value
    /// once per billing period begun between the start and the earlier of its end and the as-of day (an unknown billing
    /// period is monthly); without dates, the total value as uploaded, else recurring value x tenure months.
    /// </summary>
    public static decimal BilledThrough(SubscriptionRecord s, DateOnly asOf)
    {
        if (s.Start is null || s.RecurringValue is not { } recurring)
            return s.Start is { } begun && begun > asOf ? 0 : s.TotalValue ?? (s.RecurringValue ?? 0) * (s.TenureMonths ?? 0);
        return recurring * BilledPeriods(s, asOf);
    }

    /// <summary>Billing periods begun between the start and the earlier of the end and the as-of day (0 before the start or without one).</summary>
    public static int BilledPeriods(SubscriptionRecord s, DateOnly asOf)
    {
        if (s.Start is not { } start) return 0;
        var last = (s.End ?? s.CancelledOn) is { } end && end < asOf ? end : asOf;
        if (last < start) return 0;
        if (s.BillingPeriod == BillingPeriod.Weekly) return (last.DayNumber - start.DayNumber) / 7 + 1;
        var months = (last.Year - start.Year) * 12 + last.Month - start.Month - (last.Day < start.Day ? 1 : 0);
        var periodMonths = s.BillingPeriod switch
        {
            BillingPeriod.Quarterly => 3,
            BillingPeriod.Yearly => 12,
            BillingPeriod.TwoYearly => 24,
            _ => 1,
        };
        return months / periodMonths + 1;
    }

    /// <summary>Churned when every known subscription ended or was cancelled on or before <paramref name="asOf"/>; null without subscriptions.</summary>
    public static bool? ContractChurn(IReadOnlyList<SubscriptionRecord>? subs, DateOnly asOf)
    {
        if (subs is null || subs.Count == 0) return null;
        if (subs.Any(s => s.Churned is not null) && subs.All(s => s.Start is null && s.End is null && s.CancelledOn is null))
            return subs.All(s => s.Churned == true);
        return subs.All(s => (s.End ?? s.CancelledOn) is { } last && last <= asOf);
    }

    /// <summary>The weekly rate that compounds to <paramref name="annualRate"/> over 52 weeks.</summary>
    public static double WeeklyRate(double annualRate) => Math.Pow(1 + annualRate, 1 / 52.0) - 1;

    public const double DaysPerWeek = 7;

    /// <summary>The repeat-purchase models' observation of one customer at <paramref name="asOf"/>, in weeks (calibration end = as-of).</summary>
    public static RfmObservation Observe(CustomerPurchaseSummary p, DateOnly asOf)
    {
        var r = p.ToRepeatSummary(asOf);
        return new RfmObservation(p.CustomerId, r.Frequency, r.RecencyDays / DaysPerWeek, r.AgeDays / DaysPerWeek, (double)r.MeanRepeatSpend);
    }

    public static ClvOptions ClvOptionsOf(ValueOptions options) =>
        new() { Periods = options.HorizonWeeks, PeriodLength = 1, DiscountRate = WeeklyRate(options.AnnualDiscountRate), Margin = options.Margin };
}
