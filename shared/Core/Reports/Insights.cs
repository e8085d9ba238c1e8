using System.Globalization;
using CustomerValue.Segments;

namespace CustomerValue.Reports;

/// <summary>
/// A key driver as reports show it: the correlation (effect), its 95 % confidence interval (Fisher's z, over
/// <see cref="N"/> customers), the p-value of no correlation, and a sentence that says what it means.
/// </summary>
public sealed record DriverEffect(string Driver, string Label, string Outcome, string Method, double Effect, double? Low, double? High, double? PValue, int N)
{
    public const string Definition =
        "effect = Pearson's r between the driver and the outcome across customers (point-biserial or phi for yes/no sides); " +
        "95 % interval by Fisher's z with n - 3 degrees of freedom; p = two-sided test of no correlation. Correlation, not cause.";

    public static DriverEffect From(KeyDriver d)
    {
        var (low, high) = Interval(d.Correlation, d.Samples);
        return new DriverEffect(d.Driver, LabelOf(d.Driver), d.Outcome, d.Method, d.Correlation, low, high, d.PValue, d.Samples);
    }

    /// <summary>Whether the interval leaves out zero at the 5 % level.</summary>
    public bool Significant => PValue is < 0.05;

    /// <summary>"r = 0.21 (95 % CI 0.10 to 0.31, p = 0.001, n = 300)".</summary>
    public string Evidence => $"r = {F(Effect)}" + (Low is { } l && High is { } h ? $" (95 % CI {F(l)} to {F(h)}, " : " (") +
        $"p = {P(PValue)}, n = {N.ToString("#,0", CultureInfo.InvariantCulture)})";

    /// <summary>Human name of a driver code: "aspect:price" reads "mentions price".</summary>
    public static string LabelOf(string driver) => driver switch
    {
        KeyDriverNames.NpsScore => "NPS score (0-10)",
        KeyDriverNames.Csat => "CSAT score (1-5)",
        KeyDriverNames.Sentiment => "comment sentiment (-1 to 1)",
        _ when driver.StartsWith(KeyDriverNames.AspectPrefix, StringComparison.Ordinal) => "mentions " + driver[KeyDriverNames.AspectPrefix.Length..],
        _ => driver,
    };

    /// <summary>Fisher's z interval of a correlation; null below 4 customers or at |r| = 1.</summary>
    public static (double? Low, double? High) Interval(double r, int n)
    {
        if (n < 4 || !double.IsFinite(r) || Math.Abs(r) >= 1) return (null, null);
        var z = Math.Atanh(r);
        var half = 1.959964 / Math.Sqrt(n - 3);
        return (Math.Tanh(z - half), Math.Tanh(z + half));
    }

    internal static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string P(double? p) => p switch
    {
        null => "unknown",
        < 0.001 => p.Value.ToString("0.0e0", CultureInfo.InvariantCulture),
        _ => p.Value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}

/// <summary>What a snapshot computed beside the segments: key drivers, the lifecycle view, the data warnings, the value model.</summary>
public sealed record SnapshotInsights
{
    public required DateOnly Period { get; init; }
    public IReadOnlyList<KeyDriver> KeyDrivers { get; init; } = [];
    public LifecycleView? Lifecycle { get; init; }
    /// <summary>Allocation and data warnings of the snapshot (costs not allocated, rows left out, ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The fitted value model in words (model, parameters, horizon, discount, margin); null when none was fitted.</summary>
    public string? ValueModel { get; init; }
    /// <summary>CAC, LTV:CAC and payback of everyone, by acquisition channel and by campaign.</summary>
    public IReadOnlyList<CustomerValue.Value.AcquisitionEconomics> Acquisition { get; init; } = [];

    public IReadOnlyList<DriverEffect> Drivers => KeyDrivers.Select(DriverEffect.From).ToList();
}

/// <summary>The lifecycle view as the API and the CLI print it, with its definitions.</summary>
public sealed record LifecycleReport(DateOnly Period, LifecycleView? Lifecycle, IReadOnlyList<string> Warnings)
{
    public const string Definition =
        "period = from the previous snapshot to this one; new = acquired in the period; retained = customers acquired before it still active at its end; " +
        "expanded / contracted = period revenue above / below the previous period's; won back = churned before the period and bought in it; CAC = acquisition spend / new customers.";
}

/// <summary>CAC, LTV:CAC and payback by channel and campaign as the API and the CLI print them, with the currency, definitions and the allocation warnings.</summary>
public sealed record AcquisitionReport(DateOnly Period, string Currency, IReadOnlyList<CustomerValue.Value.AcquisitionEconomics> Groups,
    IReadOnlyList<KeyValuePair<string, string>> Definitions, IReadOnlyList<string> Warnings)
{
    public static AcquisitionReport Of(SnapshotInsights insights, string currency) =>
        new(insights.Period, currency, insights.Acquisition, CustomerValue.Value.ValueDefinitions.Acquisition, insights.Warnings);
}

/// <summary>The key drivers as the API and the CLI print them.</summary>
public sealed record DriversReport(DateOnly Period, IReadOnlyList<DriverEffect> Drivers, string Definition);

/// <summary>The snapshot's data and allocation warnings.</summary>
public sealed record WarningsReport(DateOnly Period, IReadOnlyList<string> Warnings);

/// <summary>Cohort retention as of a day: acquisition month by months since, from the subscriptions with a start date.</summary>
public sealed record CohortReport(DateOnly AsOf, IReadOnlyList<Churn.CohortRow> Cohorts, string Definition)
{
    /// <summary>The most recent cohorts and the first months since acquisition that a heat map shows legibly.</summary>
    public const int ShownCohorts = 24, ShownMonths = 13;

    public HeatMapChart Chart()
    {
        var rows = Cohorts.TakeLast(ShownCohorts).ToList();
        var months = Math.Min(ShownMonths, rows.Count == 0 ? 0 : rows.Max(r => r.Active.Count));
        return new HeatMapChart("cohorts", "Cohort retention: share of each acquisition month still subscribed", "Acquisition month", "Months since acquisition",
            ChartAxis.Ratio("Still subscribed"), [.. rows.Select(r => r.Label)], [.. Enumerable.Range(0, months).Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. rows.Select(r => (IReadOnlyList<double?>)[.. Enumerable.Range(0, months).Select(m => m < r.Active.Count ? (double?)r.Retention[m] : null)])],
            [.. rows.Select(r => r.Size)]);
    }
}
