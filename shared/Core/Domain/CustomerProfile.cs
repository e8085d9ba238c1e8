namespace CustomerValue.Domain;

/// <summary>
/// Who a customer is for the value reports: when and through which segment, channel and campaign they came, and the
/// profit margin on their revenue when known (0.3 = 30%).
/// </summary>
public sealed record CustomerProfile(
    string CustomerId,
    DateOnly? AcquiredOn = null,
    string? Segment = null,
    string? Channel = null,
    string? Campaign = null,
    decimal? Margin = null);
