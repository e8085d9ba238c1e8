namespace CustomerValue.Ingestion;

/// <summary>What a column means. <see cref="Attribute"/> columns are kept as extra attributes; <see cref="Ignored"/> ones are dropped.</summary>
public enum ColumnRole
{
    Attribute, Ignored,
    CustomerId, Email, Date, SignupDate, Plan, Channel, AcquisitionCost, Age, BirthYear, Occupation, Country, Region, City,
    OrderId, Quantity, Amount, Product, Category, TransactionType, Currency,
    Segment, Campaign, CostCategory, Period,
    StartDate, EndDate, CancelDate, RecurringValue, BillingPeriod, TenureMonths, TotalValue, Churned,
    TicketId, OpenedAt, ClosedAt, Cost, HandlingMinutes, Rating,
    ResponseId, SubmittedAt, Finished, Nps, NpsGroup, Csat, Ces, Comment,
    /// <summary>Personal data besides <see cref="Email"/>: kept (as attributes; a customer's name also as its name), masked for read keys.</summary>
    Name, Phone, Address,
}

/// <summary>A column as read: its (disambiguated) name, the role found for it and how sure that is.</summary>
/// <param name="Question">The question text of a survey column (Qualtrics row 2, SurveyMonkey row 1), when there is one.</param>
/// <param name="Note">Why the role was chosen, or why it is unsure.</param>
public sealed record ColumnInfo(int Index, string Name, ColumnRole Role, double Confidence, string? Question = null, string? Note = null)
{
    /// <summary>Roles under the confidence threshold are reported but not used (the column is kept as an attribute).</summary>
    public bool IsUnsure { get; init; }
}
