using System.Globalization;
using System.Text.RegularExpressions;
using CustomerValue.Segments;

namespace CustomerValue.Reports;

/// <summary>The currency of money figures: an ISO 4217 code, the setting Reports:Currency.</summary>
public static partial class ReportCurrency
{
    public const string Default = "USD";

    /// <summary>The code itself when it is three capital letters (USD, EUR, GBP); otherwise a clear error.</summary>
    public static string Validate(string? code, string setting = "Reports:Currency") =>
        code is not null && IsoCode().IsMatch(code)
            ? code
            : throw new ArgumentException($"The setting '{setting}' must be an ISO 4217 currency code of three capital letters, such as USD or EUR; it is '{code}'.", setting);

    /// <summary>"USD 1,234.50"; a dash when unknown.</summary>
    public static string Format(double? value, string currency) =>
        value is { } v && double.IsFinite(v) ? $"{currency} {FigureText.Format(v, FigureFormat.Money)}" : FigureText.Unknown;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex IsoCode();
}

/// <summary>
/// The cut points a <see cref="SegmentModel"/> banded customers at, kept so that a band's code ("q1") can be shown as
/// the values it covers. Bands whose codes carry their values (fixed size edges "25-50", frequency "2-3", age "18-24")
/// need nothing here.
/// </summary>
public sealed record SegmentBands
{
    /// <summary>
    /// Average order size at the quantile bands q1..qN, ascending, N + 1 values: the smallest size, the N - 1 cuts,
    /// the largest. Band qk holds sizes above bound k - 1 up to bound k (q1 from the smallest). Null when the bands
    /// are fixed edges or unknown.
    /// </summary>
    public IReadOnlyList<decimal>? SizeQuantileBounds { get; init; }

    /// <summary>Share of customers in the CLV tiers "top_10" and "next_20" (SegmentationOptions).</summary>
    public double ClvTopShare { get; init; } = SegmentationOptions.Default.ClvTopShare;
    public double ClvNextShare { get; init; } = SegmentationOptions.Default.ClvNextShare;

    /// <summary>No quantile bounds known: quantile bands read as "quartile 1 (smallest)".</summary>
    public static SegmentBands Unknown { get; } = new();
}

/// <summary>
/// Human labels for segment codes: "size_band:q1" reads "Order size USD 12.50-25.00", "frequency_band:2-3" reads
/// "2-3 purchases", "clv_tier:top_10" reads "Top 10 % by CLV". Pure: the band edges and the currency are given.
/// </summary>
public static partial class SegmentLabels
{
    public const string Everyone = "All customers";

    public static string Label(SegmentKey segment, SegmentBands bands, string currency)
    {
        if (segment == SegmentKey.Everyone) return Everyone;
        var value = segment.Value;
        var title = DimensionTitle(segment.Dimension);
        if (value == SegmentDimensions.Unknown) return $"{title} unknown";
        return segment.Dimension switch
        {
            SegmentDimensions.Rfm => $"RFM: {value}",
            SegmentDimensions.SizeBand => $"{title} {SizeBand(value, bands, currency)}",
            SegmentDimensions.FrequencyBand => Purchases(value),
            SegmentDimensions.AgeBand => $"Age {value.Replace("+", " and over", StringComparison.Ordinal)}",
            SegmentDimensions.ClvTier => ClvTier(value, bands),
            _ => $"{title}: {value}",
        };
    }

    /// <summary>The dimension as a reader names it: "size_band" is "Order size".</summary>
    public static string DimensionTitle(string dimension) => dimension switch
    {
        SegmentDimensions.Rfm => "RFM segment",
        SegmentDimensions.Plan => "Plan",
        SegmentDimensions.SizeBand => "Order size",
        SegmentDimensions.FrequencyBand => "Purchases",
        SegmentDimensions.Occupation => "Occupation",
        SegmentDimensions.AgeBand => "Age",
        SegmentDimensions.Country => "Country",
        SegmentDimensions.Region => "Region",
        SegmentDimensions.Channel => "Acquisition channel",
        CustomerValue.Value.AcquisitionEconomics.Campaign => "Campaign",
        SegmentDimensions.Contract => "Contract",
        SegmentDimensions.ClvTier => "CLV tier",
        "all" => Everyone,
        _ => dimension.Replace('_', ' '),
    };

    /// <summary>A rate with the count behind it: "NPS 66.7 (n = 3)".</summary>
    public static string Rate(string name, double? value, FigureFormat format, int n) =>
        $"{name} {FigureText.Format(value, format)} (n = {n.ToString("#,0", CultureInfo.InvariantCulture)})";

    private static string SizeBand(string value, SegmentBands bands, string currency)
    {
        if (QuantileCode().Match(value) is { Success: true } q)
        {
            var k = int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture);
            if (bands.SizeQuantileBounds is { } b && k >= 1 && k < b.Count)
                return $"{currency} {Money(b[k - 1])}-{Money(b[k])}";
            return $"{QuantileName(bands.SizeQuantileBounds?.Count - 1)} {k}{(k == 1 ? " (smallest)" : "")}";
        }
        // Fixed edges carry their values: "<25", "25-50", "50+".
        if (value.StartsWith('<')) return $"under {currency} {value[1..]}";
        if (value.EndsWith('+')) return $"{currency} {value[..^1]} and over";
        return $"{currency} {value}";
    }

    private static string QuantileName(int? bands) => bands switch
    {
        4 => "quartile",
        5 => "quintile",
        10 => "decile",
        _ => "band",
    };

    private static string Purchases(string value) => value switch
    {
        "0" => "No purchases",
        "1" => "1 purchase",
        _ when value.EndsWith('+') => $"{value[..^1]} or more purchases",
        _ => $"{value} purchases",
    };

    private static string ClvTier(string value, SegmentBands bands) => value switch
    {
        "top_10" => $"Top {Share(bands.ClvTopShare)} by CLV",
        "next_20" => $"Next {Share(bands.ClvNextShare)} by CLV",
        "rest" => $"Other {Share(1 - bands.ClvTopShare - bands.ClvNextShare)} by CLV",
        _ => $"CLV tier: {value}",
    };

    private static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex("^q([0-9]+)$")]
    private static partial Regex QuantileCode();
}
