namespace CustomerValue.Kpis;

/// <summary>The headline figures of the whole customer base at one moment.</summary>
public sealed record KpiSnapshot
{
    public required DateTimeOffset AsOf { get; init; }
    public required int Customers { get; init; }
    public required long Orders { get; init; }
    public required decimal GrossRevenue { get; init; }
    public required decimal Refunds { get; init; }
    /// <summary>Transaction revenue: purchases minus refunds (Value/DEFINITIONS.md).</summary>
    public decimal NetRevenue => GrossRevenue - Refunds;
    /// <summary>What the subscriptions billed up to the snapshot day.</summary>
    public decimal SubscriptionRevenue { get; init; }
    /// <summary>Transaction revenue + subscription revenue: the segment "all"'s revenue, and the revenue of <see cref="Roi"/>.</summary>
    public decimal Revenue => NetRevenue + SubscriptionRevenue;
    /// <summary>The newest dated row the snapshot saw (at or before its day); null when none is dated.</summary>
    public DateOnly? DataThrough { get; init; }
    /// <summary>What a reader must know about these figures, such as a snapshot dated far after its data.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required decimal AverageTransactionSize { get; init; }
    public required decimal RevenuePerCustomer { get; init; }
    /// <summary>Share of customers with more than one purchase day.</summary>
    public required double RepeatCustomerRate { get; init; }
    /// <summary>Customers with a purchase in the <see cref="ActiveWindowDays"/> days before <see cref="AsOf"/> or a subscription running on it.</summary>
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
    /// <summary>The repeat-purchase model behind P(alive), predicted CLV and churn of customers without a contract (bgnbd, mbgnbd, paretonbd).</summary>
    public string? ClvModel { get; init; }
    /// <summary>Why that model: the holdout it was chosen on, or the setting that named it.</summary>
    public string? ClvModelStatement { get; init; }
    public decimal? RevenueAtRisk { get; init; }
    public double? Nps { get; init; }
    public double? CsatPercent { get; init; }
    public double? AverageSentiment { get; init; }
}
