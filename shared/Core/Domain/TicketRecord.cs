namespace CustomerValue.Domain;

/// <summary>A support ticket: when it was opened and closed, through which channel, what it cost, how it was rated.</summary>
public sealed record TicketRecord(
    string CustomerId,
    DateTime OpenedAt,
    DateTime? ClosedAt = null,
    string? TicketId = null,
    string? Channel = null,
    decimal? Cost = null,
    double? HandlingMinutes = null,
    int? Rating = null);
