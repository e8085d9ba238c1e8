namespace CustomerValue.Churn;

/// <summary>The window a churn figure looks back over.</summary>
public enum ChurnWindow
{
    /// <summary>The 30 days ending on the as-of day (Baremetrics).</summary>
    Trailing30Days,

    /// <summary>From the first of the as-of day's month to the as-of day (pass a month end for a whole month).</summary>
    CalendarMonth,
}

/// <summary>
/// How churn is counted. A customer is active on a day when any of their subscriptions is (started on or before it,
/// last day of service on or after it). The window runs from the day before it opens (the "start": whoever is active
/// then is the base) to its last day (the "end").
/// </summary>
public sealed record ChurnDefinition(ChurnWindow Window = ChurnWindow.Trailing30Days, bool CountStartAndCancelInWindow = true)
{
    /// <summary>Baremetrics: cancelled in the last 30 days / active 30 days ago; customers who join and leave in the window count.</summary>
    public static ChurnDefinition Baremetrics { get; } = new(ChurnWindow.Trailing30Days, CountStartAndCancelInWindow: true);

    /// <summary>ProfitWell style: calendar month, customers who start and cancel in the same month are ignored.</summary>
    public static ChurnDefinition ProfitWell { get; } = new(ChurnWindow.CalendarMonth, CountStartAndCancelInWindow: false);

    /// <summary>The base day (the day before the window opens) and the window's last day.</summary>
    public (DateOnly Start, DateOnly End) Bounds(DateOnly asOf) => Window switch
    {
        ChurnWindow.Trailing30Days => (asOf.AddDays(-30), asOf),
        ChurnWindow.CalendarMonth => (new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1), asOf),
        _ => throw new InvalidOperationException($"Unknown churn window {Window}."),
    };

    public string WindowText(DateOnly asOf)
    {
        var (start, end) = Bounds(asOf);
        var name = Window == ChurnWindow.Trailing30Days ? "the 30 days" : "the calendar month to date";
        return $"{name} {start.AddDays(1):yyyy-MM-dd}..{end:yyyy-MM-dd} (base: customers active on {start:yyyy-MM-dd})";
    }

    public string SameWindowText => CountStartAndCancelInWindow
        ? "customers who started and cancelled inside the window are counted as churned"
        : "customers who started and cancelled inside the window are ignored";
}

/// <summary>A rate with its parts and the definition to print beside it. <see cref="Value"/> is null when the base is zero.</summary>
public sealed record RateFigure(double? Value, decimal Numerator, decimal Denominator, string Definition)
{
    public static RateFigure Of(decimal numerator, decimal denominator, string definition) =>
        new(denominator == 0 ? null : (double)(numerator / denominator), numerator, denominator,
            denominator == 0 ? $"{definition} (undefined: the base is zero)" : definition);
}
