using System.Globalization;

namespace CustomerValue.Reports;

/// <summary>How figures read in reports and emails: invariant culture, a dash for unknown.</summary>
public static class FigureText
{
    public const string Unknown = "—";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(double? value, FigureFormat format) => value is not { } v || !double.IsFinite(v) ? Unknown : format switch
    {
        FigureFormat.Count => v.ToString("#,0", Invariant),
        FigureFormat.Money => v.ToString("#,0.00", Invariant),
        FigureFormat.Percent => (v * 100).ToString("0.0", Invariant) + " %",
        FigureFormat.PercentPoints => v.ToString("0.0", Invariant) + " %",
        FigureFormat.Multiple => v.ToString("0.00", Invariant),
        _ => v.ToString("0.0", Invariant),
    };

    /// <summary>Short axis labels: 714,666.63 reads 715k, so it fits beside a chart.</summary>
    public static string Axis(double value, FigureFormat format) => format is FigureFormat.Money or FigureFormat.Count && Math.Abs(value) >= 1_000
        ? Math.Abs(value) >= 1_000_000 ? (value / 1_000_000).ToString("0.#", Invariant) + "M" : (value / 1_000).ToString("0.#", Invariant) + "k"
        : Format(value, format);

    /// <summary>The change between two values, signed; null when either is unknown.</summary>
    public static string? Change(double? current, double? previous, FigureFormat format)
    {
        if (current is not { } c || previous is not { } p || !double.IsFinite(c) || !double.IsFinite(p)) return null;
        var delta = c - p;
        var text = format switch
        {
            FigureFormat.Percent => (Math.Abs(delta) * 100).ToString("0.0", Invariant) + " pts",
            FigureFormat.PercentPoints => Math.Abs(delta).ToString("0.0", Invariant) + " pts",
            _ => Format(Math.Abs(delta), format),
        };
        return (delta > 0 ? "+" : delta < 0 ? "−" : "±") + text;
    }
}
