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

    /// <summary>Every definition with its name, in the order DEFINITIONS.md lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new("as of", AsOf), new("transaction revenue", TransactionRevenue), new("subscription revenue", SubscriptionRevenue),
        new("revenue", Revenue), new("cost", Cost), new("ROI", Roi), new("historical CLV", HistoricalClv), new("predicted CLV", PredictedClv),
        new("support cost per customer", SupportCostPerCustomer), new("support cost per ticket opener", SupportCostPerTicketOpener),
        new("active", Active), new("churned", Churned), new("data through", DataThrough),
    ];
}
