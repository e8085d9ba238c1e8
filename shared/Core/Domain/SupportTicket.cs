namespace CustomerValue.Domain;

/// <summary>A support case of one customer; <see cref="Cost"/> is its handling cost when known.</summary>
public sealed record SupportTicket(
    string TicketId,
    string CustomerId,
    DateOnly OpenedOn,
    DateOnly? ClosedOn = null,
    decimal? Cost = null,
    string? Category = null);
