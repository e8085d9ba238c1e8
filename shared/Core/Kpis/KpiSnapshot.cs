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

    // Figures that need more than transactions: null until the data that feeds them has been uploaded.
    /// <summary>Acquisition + service + support cost.</summary>
    public decimal? Cost { get; init; }
    /// <summary>(revenue - cost) / cost; null when cost is unknown or zero.</summary>
    public double? Roi { get; init; }
    public double? ChurnRate { get; init; }
    /// <summary>How <see cref="ChurnRate"/> was defined, to print beside it.</summary>
    public string? ChurnDefinition { get; init; }
    public double? RetentionRate { get; init; }
    public decimal? AveragePredictedClv { get; init; }
    public decimal? RevenueAtRisk { get; init; }
    public double? Nps { get; init; }
    public double? CsatPercent { get; init; }
    public double? AverageSentiment { get; init; }
}
