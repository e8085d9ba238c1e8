namespace CustomerValue.Domain;

/// <summary>What a transaction line is. Refunds and cancellations carry a negative amount.</summary>
public enum TransactionType { Purchase, Refund, Cancellation }

/// <summary>One purchase, refund or cancellation line. Refunds carry a negative amount.</summary>
public readonly record struct Transaction(
    string CustomerId,
    DateOnly Date,
    decimal Amount,
    string? OrderId = null,
    int Quantity = 1,
    string? Product = null,
    string? Category = null,
    TransactionType Type = TransactionType.Purchase,
    string? Currency = null);
