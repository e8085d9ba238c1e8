using CustomerValue.Domain;

namespace CustomerValue.Ingestion;

/// <summary>One accepted row of any kind; exactly one of the typed properties is set, matching <see cref="Kind"/>.</summary>
public sealed record UploadRecord
{
    private UploadRecord(UploadKind kind) => Kind = kind;

    public UploadKind Kind { get; }
    public CustomerRecord? Customer { get; private init; }
    public Transaction? Transaction { get; private init; }
    public CostRecord? Cost { get; private init; }
    public SubscriptionRecord? Subscription { get; private init; }
    public TicketRecord? Ticket { get; private init; }
    public SurveyResponse? SurveyResponse { get; private init; }

    public static UploadRecord Of(CustomerRecord value) => new(UploadKind.Customers) { Customer = value };
    public static UploadRecord Of(Transaction value) => new(UploadKind.Transactions) { Transaction = value };
    public static UploadRecord Of(CostRecord value) => new(UploadKind.Costs) { Cost = value };
    public static UploadRecord Of(SubscriptionRecord value) => new(UploadKind.Subscriptions) { Subscription = value };
    public static UploadRecord Of(TicketRecord value) => new(UploadKind.Tickets) { Ticket = value };
    public static UploadRecord Of(SurveyResponse value) => new(UploadKind.Surveys) { SurveyResponse = value };
}
