namespace CustomerValue.Domain;

/// <summary>One purchase, refund or cancellation line. Refunds carry a negative amount.</summary>
public readonly record struct Transaction(
    string CustomerId,
    DateOnly Date,
    decimal Amount,
    string? OrderId = null,
    int Quantity = 1,
    string? Product = null);
