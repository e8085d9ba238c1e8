namespace CustomerValue.Domain;

/// <summary>Whom a cost is booked against: one customer, or a segment, channel or campaign to be allocated.</summary>
public enum CostScope
{
    Customer,
    Segment,
    Channel,
    Campaign,
}

/// <summary>
/// A cost over the days <see cref="PeriodStart"/>..<see cref="PeriodEnd"/> (inclusive). <see cref="ScopeKey"/> is the
/// customer id, segment, channel or campaign named by <see cref="Scope"/>.
/// </summary>
public sealed record CostEntry(
    CostCategory Category,
    CostScope Scope,
    string ScopeKey,
    decimal Amount,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string? Description = null);
