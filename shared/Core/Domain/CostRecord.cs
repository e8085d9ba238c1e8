namespace CustomerValue.Domain;

/// <summary>What a cost was spent on.</summary>
public enum CostCategory { Acquisition, Service, Support, Marketing, Other }

/// <summary>
/// A cost line, attributed to a customer, a segment, a channel or a campaign (any that the file gives),
/// on a date or over a period (such as "2024-03" or "2024-Q1").
/// </summary>
public sealed record CostRecord(
    CostCategory Category,
    decimal Amount,
    string? CustomerId = null,
    string? Segment = null,
    string? Channel = null,
    string? Campaign = null,
    DateOnly? Date = null,
    string? Period = null,
    string? Currency = null);
