namespace CustomerValue.Kpis;

/// <summary>The headline figures of the whole customer base at one moment.</summary>
public sealed record KpiSnapshot
{
    public required DateTimeOffset AsOf { get; init; }
    public required int Customers { get; init; }
    public required long Orders { get; init; }
    public required decimal GrossRevenue { get; init; }
    public required decimal Refunds { get; init; }
    public decimal NetRevenue => GrossRevenue - Refunds;
    public required decimal AverageTransactionSize { get; init; }
    public required decimal RevenuePerCustomer { get; init; }
    /// <summary>Share of customers with more than one purchase day.</summary>
    public required double RepeatCustomerRate { get; init; }
    /// <summary>Customers with a purchase in the <see cref="ActiveWindowDays"/> days before <see cref="AsOf"/>.</summary>
    public required int ActiveCustomers { get; init; }
    public required int ActiveWindowDays { get; init; }
    public DateOnly? FirstPurchase { get; init; }
    public DateOnly? LastPurchase { get; init; }
}
