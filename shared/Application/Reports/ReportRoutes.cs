namespace CustomerValue.Application.Reports;

/// <summary>
/// The HTTP routes, below the "api" prefix (the Functions host's default route prefix, which the local engine maps
/// too). Both engines take their routes from here; the parity test compares what each really serves.
/// No route may start with "admin": the Functions host keeps that prefix for itself and refuses such a function.
/// </summary>
public static class ReportRoutes
{
    public const string Prefix = "api";
    public const string Health = "health";
    public const string OpenApi = "openapi.json";
    public const string Kpis = "reports/kpis";
    public const string Segments = "reports/segments";
    public const string Opportunities = "reports/opportunities";
    public const string Surveys = "reports/surveys";
    public const string Drivers = "reports/drivers";
    public const string Lifecycle = "reports/lifecycle";
    public const string Warnings = "reports/warnings";
    public const string Acquisition = "reports/acquisition";
    public const string Cohorts = "reports/cohorts";
    public const string Customer = "reports/customers/{id}";
    public const string Uploads = "uploads";
    public const string Upload = "uploads/{id}";
    public const string Snapshot = "manage/snapshot";

    /// <summary>What each route does, for the OpenAPI document of either engine.</summary>
    public static readonly IReadOnlyDictionary<string, string> Summaries = new Dictionary<string, string>
    {
        [Health] = "Liveness; needs no key.",
        [OpenApi] = "This document; needs no key.",
        [Kpis] = "The latest KPI snapshot (json); the snapshot history (csv); the full report (html).",
        [Segments] = "Segment figures of the newest snapshot at or before 'to'; 'segment' is dimension or dimension:value.",
        [Opportunities] = "Segments ranked by revenue at risk, each as a sentence with its top topic and that topic's link to churn; 'segment' filters.",
        [Surveys] = "NPS, CSAT, sentiment and topics of the survey responses from 'from' to 'to'.",
        [Drivers] = "Key drivers of churn and ROI in the newest snapshot at or before 'to': effect (r), 95 % interval, p-value, n.",
        [Lifecycle] = "New, retained, expanded, contracted, churned and won-back customers with revenue and CAC, between the snapshot before 'to' and the one at it.",
        [Cohorts] = "Cohort retention as of 'to': acquisition month by months since, the share still subscribed (html: a heat map).",
        [Acquisition] = "CAC, LTV:CAC and CAC payback of everyone, by acquisition channel and by campaign, with n, the currency, the definitions and the allocation warnings, in the newest snapshot at or before 'to'; 'segment' is channel, campaign, or channel:value / campaign:value.",
        [Warnings] = "The data and cost-allocation warnings of the newest snapshot at or before 'to'.",
        [Customer] = "One customer; email and name masked unless an admin key asks with pii=true.",
        [Uploads] = "Every upload with its status, the counts per status and the backlog (json).",
        [Upload] = "The ledger record of one upload (json).",
        [Snapshot] = "Takes the KPI snapshot now (or as of 'asOf'), or rebuilds history with 'from', 'to' and 'every' (day, week, month); admin key.",
    };
}

/// <summary>Who may call an endpoint: anyone, a read key (or admin key), an admin key only.</summary>
public enum EndpointAccess { Open, Read, Admin }

/// <summary>One operation of the HTTP surface, as an engine serves it.</summary>
public sealed record ApiOperation(string Route, string Method, EndpointAccess Access)
{
    public string Summary => ReportRoutes.Summaries.GetValueOrDefault(Route, "");
}
