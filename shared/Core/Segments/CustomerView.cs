namespace CustomerValue.Segments;

/// <summary>A topic a customer's feedback mentions, with the sentiment (VADER-style compound, -1..1) of that mention.</summary>
public readonly record struct AspectMention(string Topic, double Compound);

/// <summary>
/// One customer, flattened: everything the segmenters and segment KPIs read, filled from storage at one moment
/// (<c>asOf</c>) and, for the lifecycle fields, for one period. Nullable fields are unknown; an unknown attribute
/// puts the customer in the segment "unknown" of that dimension and leaves it out of the averages that need it.
/// </summary>
public sealed record CustomerView
{
    /// <summary>The customer's id, as everywhere else in the pipeline.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Date of sign-up or contract start; the acquisition date when set (else <see cref="FirstPurchase"/>).</summary>
    public DateOnly? SignupDate { get; init; }

    /// <summary>Subscription plan or tier (segment dimension "plan").</summary>
    public string? Plan { get; init; }

    /// <summary>Channel the customer was acquired through: paid search, referral, ... (dimension "channel").</summary>
    public string? AcquisitionChannel { get; init; }

    /// <summary>Contract type: month-to-month, one year, ... (dimension "contract").</summary>
    public string? ContractType { get; init; }

    /// <summary>Occupation as given by the customer (dimension "occupation").</summary>
    public string? Occupation { get; init; }

    /// <summary>Age in whole years at <c>asOf</c> (dimension "age_band"). Wins over <see cref="BirthYear"/>.</summary>
    public int? AgeYears { get; init; }

    /// <summary>Year of birth; the age is then <c>asOf.Year - BirthYear</c> (may be one year high before the birthday).</summary>
    public int? BirthYear { get; init; }

    /// <summary>Country (dimension "country").</summary>
    public string? Country { get; init; }

    /// <summary>Region or state (dimension "region").</summary>
    public string? Region { get; init; }

    /// <summary>City; kept for reports, not a segment dimension (too many values to be useful as one).</summary>
    public string? City { get; init; }

    /// <summary>Purchase lines (refunds excluded).</summary>
    public int Orders { get; init; }

    /// <summary>Distinct days with a purchase: the RFM frequency and the purchase-frequency band.</summary>
    public int PurchaseDays { get; init; }

    /// <summary>Revenue to the as-of day: transaction revenue + subscription revenue (see Value/DEFINITIONS.md). The segment revenue.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Purchases minus refunds to the as-of day (part of <see cref="Revenue"/>).</summary>
    public decimal TransactionRevenue { get; init; }

    /// <summary>What the subscriptions billed to the as-of day (part of <see cref="Revenue"/>).</summary>
    public decimal SubscriptionRevenue { get; init; }

    /// <summary>Equal shares of cost lines booked to the customer's campaign, segment or channel (part of <see cref="Cost"/>).</summary>
    public decimal? AllocatedCost { get; init; }

    /// <summary>The part of <see cref="AllocatedCost"/> that came from acquisition and marketing cost lines of the customer's campaign, segment or channel (counted by CAC).</summary>
    public decimal? AllocatedAcquisitionCost { get; init; }

    /// <summary>The campaign the customer's profile names (a campaign column); what campaign cost lines and CAC by campaign group by.</summary>
    public string? Campaign { get; init; }

    /// <summary>Service cost lines of the customer (part of <see cref="Cost"/>).</summary>
    public decimal? ServiceCost { get; init; }

    /// <summary>Other cost lines of the customer (part of <see cref="Cost"/>).</summary>
    public decimal? OtherCost { get; init; }

    /// <summary>(revenue - cost) / cost; null when the cost is unknown or zero.</summary>
    public double? Roi { get; init; }

    /// <summary>A purchase in the activity window or a subscription running on the as-of day.</summary>
    public bool Active { get; init; }

    /// <summary>Everything the customer cost to date (acquisition + allocated + support + service + other); the denominator of ROI.</summary>
    public decimal? Cost { get; init; }

    /// <summary>What acquiring this customer cost (part of <see cref="Cost"/>); feeds CAC when no period spend is given.</summary>
    public decimal? AcquisitionCost { get; init; }

    /// <summary>Support cost to date (part of <see cref="Cost"/>); averaged per customer in each segment.</summary>
    public decimal? SupportCost { get; init; }

    /// <summary>Support tickets opened to the as-of day.</summary>
    public int TicketsOpened { get; init; }

    /// <summary>Day of the first purchase.</summary>
    public DateOnly? FirstPurchase { get; init; }

    /// <summary>Day of the last purchase at or before <c>asOf</c>: the RFM recency.</summary>
    public DateOnly? LastPurchase { get; init; }

    /// <summary>Gross revenue per order (dimension "size_band"); meaningless when <see cref="Orders"/> is 0.</summary>
    public decimal AverageTransactionSize { get; init; }

    /// <summary>Value realised so far (margin or revenue, as the CLV models define it).</summary>
    public decimal? HistoricalClv { get; init; }

    /// <summary>Predicted future value (BG/NBD x Gamma-Gamma or a contractual model).</summary>
    public decimal? PredictedClv { get; init; }

    /// <summary>Probability that the customer is still active (BG/NBD P(alive)).</summary>
    public double? ProbabilityAlive { get; init; }

    /// <summary>Churn status: true when the contract ended, or by the rule for customers without one; null when unknown.</summary>
    public bool? Churned { get; init; }

    /// <summary>
    /// The rule that decided <see cref="Churned"/>, in words ("every contract ended or was cancelled", "P(alive)
    /// below 0.5 in the repeat-purchase model", ...); null when the status came as given. Segments print the rules in force.
    /// </summary>
    public string? ChurnRule { get; init; }

    /// <summary>Predicted probability of churn; when null, 1 - <see cref="ProbabilityAlive"/> stands in.</summary>
    public double? ChurnProbability { get; init; }

    /// <summary>Latest answer to the 0-10 recommend question.</summary>
    public int? NpsScore { get; init; }

    /// <summary>Latest satisfaction answer on the 1-5 scale.</summary>
    public int? Csat { get; init; }

    /// <summary>Sentiment of the latest free-text feedback, compound score -1..1.</summary>
    public double? SentimentCompound { get; init; }

    /// <summary>positive, neutral, negative or mixed; when null the label follows from <see cref="SentimentCompound"/> (±0.05).</summary>
    public string? SentimentLabel { get; init; }

    /// <summary>Topics the feedback mentions, each with its own sentiment.</summary>
    public IReadOnlyList<AspectMention> Aspects { get; init; } = [];

    /// <summary>Net revenue in the period of the lifecycle view.</summary>
    public decimal? PeriodRevenue { get; init; }

    /// <summary>Net revenue in the period before it (the base of expansion).</summary>
    public decimal? PreviousPeriodRevenue { get; init; }

    /// <summary>True when the customer had churned before the period and came back in it (win-back).</summary>
    public bool? ReactivatedAfterChurn { get; init; }

    /// <summary>True when acquired in the period; when null the acquisition date (<see cref="SignupDate"/>, else <see cref="FirstPurchase"/>) decides.</summary>
    public bool? NewInPeriod { get; init; }

    /// <summary>The churn probability, or 1 - P(alive) when only that is known.</summary>
    public double? EffectiveChurnProbability => ChurnProbability ?? (ProbabilityAlive is { } alive ? 1 - alive : null);
}
