namespace CustomerValue.Value;

/// <summary>
/// The named definitions every figure follows, in the words reports print beside them. DEFINITIONS.md beside this
/// file holds the same sentences (a test keeps the two the same).
/// </summary>
public static class ValueDefinitions
{
    public const string AsOf =
        "Every figure is as of the snapshot date T: only transactions, refunds, subscription events, tickets, survey answers and dated costs at or before T count, and the models are fitted on that data alone (calibration end = T).";

    public const string TransactionRevenue = "Transaction revenue = purchases minus refunds, both dated at or before T.";

    public const string SubscriptionRevenue =
        "Subscription revenue = what the subscriptions billed up to T: the recurring value once per billing period begun between the start and the earlier of the end and T; a subscription without dates counts its total value as uploaded (else recurring value x tenure months).";

    public const string Revenue = "Revenue = transaction revenue + subscription revenue.";

    public const string Cost =
        "Cost = acquisition (the profile's acquisition cost and acquisition cost lines of the customer) + allocated (equal shares of cost lines booked to the customer's campaign, segment or acquisition channel) + support (ticket costs and support cost lines of the customer) + service (service cost lines of the customer) + other (the customer's other cost lines); cost lines dated after T do not count, undated ones always do.";

    public const string Roi = "ROI = (revenue - cost) / cost; undefined (empty) when cost is zero.";

    public const string HistoricalClv = "Historical CLV = revenue x margin - cost, to T.";

    public const string PredictedClv =
        "Predicted CLV = the discounted margin the repeat-purchase model (BG/NBD x Gamma-Gamma, fitted at T) expects over the horizon, plus for a contract customer the discounted expected residual lifetime of its contract cohort's sBG fit (at T) x recurring value x margin.";

    public const string SupportCostPerCustomer = "Support cost per customer = support cost / all customers of the group.";

    public const string SupportCostPerTicketOpener = "Support cost per ticket opener = support cost / customers of the group with a ticket opened at or before T.";

    public const string Active = "Active = a purchase in the activity window (the days before T, see ActiveWindowDays) or a subscription running on T.";

    public const string Churned =
        "Churned = every subscription ended or was cancelled at or before T; for a customer without a subscription, by the configured rule (P(alive) below the threshold, or no purchase in the inactivity window).";

    public const string DataThrough =
        "Data through = the newest dated row at or before T; a snapshot more than one activity window after it says so in a warning.";

    public const string CustomersAcquired =
        "Customers acquired = the customers of the group (acquisition channel, campaign, or everyone) known at T; the n behind CAC, LTV:CAC and payback.";

    public const string AcquisitionSpend =
        "Acquisition spend = the acquisition cost of those customers: each one's own (the profile's acquisition cost and acquisition cost lines of the customer) plus the equal shares of acquisition and marketing cost lines booked to their campaign, segment or channel; such lines that reach no customer are left out and listed as allocation warnings.";

    public const string Cac =
        "CAC = acquisition spend / customers acquired; undefined (empty) when no acquisition spend is known.";

    public const string Ltv =
        "LTV = the mean over the group's customers of revenue to T x margin + predicted CLV (realised and expected margin, before costs, so that CAC is not counted twice).";

    public const string LtvToCac =
        "LTV:CAC = LTV / CAC; undefined (empty) when CAC is.";

    public const string CacPayback =
        "CAC payback = CAC / monthly margin per customer, in months, where monthly margin per customer = the group's revenue to T x margin / the months its customers have been customers since acquisition (signup, else first purchase; at least one month each); undefined when either is unknown or the margin is not positive.";

    /// <summary>The definitions of the acquisition figures (CAC, LTV:CAC, payback by channel and campaign), in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Acquisition { get; } =
    [
        new("customers acquired", CustomersAcquired),
        new("acquisition spend", AcquisitionSpend),
        new("CAC", Cac),
        new("LTV", Ltv),
        new("LTV:CAC", LtvToCac),
        new("CAC payback", CacPayback),
    ];

    /// <summary>Every definition with its name, in the order DEFINITIONS.md lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new("as of", AsOf), new("transaction revenue", TransactionRevenue), new("subscription revenue", SubscriptionRevenue),
        new("revenue", Revenue), new("cost", Cost), new("ROI", Roi), new("historical CLV", HistoricalClv), new("predicted CLV", PredictedClv),
        new("support cost per customer", SupportCostPerCustomer), new("support cost per ticket opener", SupportCostPerTicketOpener),
        new("active", Active), new("churned", Churned), new("data through", DataThrough),
        .. Acquisition,
    ];
}
