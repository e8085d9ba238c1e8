namespace CustomerValue.Domain;

/// <summary>
/// A contract. <see cref="End"/> is the last day of service (null while it runs); <see cref="CancelledOn"/> the day the
/// customer asked to cancel (it may precede <see cref="End"/>). <see cref="RecurringValue"/> is billed every
/// <see cref="Billing"/> period.
/// </summary>
public sealed record Subscription(
    string CustomerId,
    DateOnly Start,
    DateOnly? End,
    DateOnly? CancelledOn,
    decimal RecurringValue,
    BillingPeriod Billing = BillingPeriod.Monthly,
    string? SubscriptionId = null)
{
    /// <summary>Months covered by one bill.</summary>
    public int MonthsPerBill => Billing switch
    {
        BillingPeriod.Monthly => 1,
        BillingPeriod.Quarterly => 3,
        BillingPeriod.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(Billing), Billing, "unknown billing period."),
    };

    /// <summary>Monthly recurring revenue: the recurring value spread over the months of one bill.</summary>
    public decimal MonthlyRecurringRevenue => RecurringValue / MonthsPerBill;

    /// <summary>The recurring value over a year.</summary>
    public decimal AnnualizedValue => MonthlyRecurringRevenue * 12;

    /// <summary>Last day of service: the end when known, else the cancellation day.</summary>
    public DateOnly? LastDay => End ?? CancelledOn;

    /// <summary>Active on <paramref name="day"/>: started on or before it and not yet past its last day.</summary>
    public bool IsActiveOn(DateOnly day) => Start <= day && (LastDay is not { } last || last >= day);
}
