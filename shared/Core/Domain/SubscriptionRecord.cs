namespace CustomerValue.Domain;

/// <summary>How often a subscription bills.</summary>
public enum BillingPeriod { Unknown, Weekly, Monthly, Quarterly, Yearly, TwoYearly }

/// <summary>
/// A subscription or contract. Exports without dates (such as the telco churn table) give a tenure in months and a
/// churned flag instead; both forms are kept.
/// </summary>
public sealed record SubscriptionRecord(
    string CustomerId,
    string? Plan = null,
    DateOnly? Start = null,
    DateOnly? End = null,
    DateOnly? CancelledOn = null,
    decimal? RecurringValue = null,
    BillingPeriod BillingPeriod = BillingPeriod.Unknown,
    int? TenureMonths = null,
    decimal? TotalValue = null,
    bool? Churned = null,
    IReadOnlyDictionary<string, string>? Attributes = null);
