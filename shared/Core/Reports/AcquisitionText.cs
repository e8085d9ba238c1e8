using CustomerValue.Segments;
using CustomerValue.Value;

namespace CustomerValue.Reports;

/// <summary>
/// The weekly brief's acquisition lines, in the same words in its HTML and its plain text: CAC, LTV:CAC and payback of
/// everyone, then the channels with the highest and the lowest LTV:CAC, each with its n. The figures are the
/// snapshot's, the same the acquisition report shows; the brief rounds them as the report does.
/// </summary>
public static class AcquisitionText
{
    public const string FullReportPointer = "CAC, LTV:CAC and payback of every channel and campaign are in the full report.";

    public static IReadOnlyList<string> BriefLines(IReadOnlyList<AcquisitionEconomics> groups, Func<SegmentKey, string> labelOf, string currency)
    {
        if (groups.FirstOrDefault(a => a.Group == SegmentKey.Everyone) is not { } all) return [];
        if (all.Cac is null) return ["No acquisition cost is known: CAC, LTV:CAC and payback are unknown."];
        var lines = new List<string>
        {
            $"All {FigureText.Format(all.Customers, FigureFormat.Count)} customers: CAC {ReportCurrency.Format((double?)all.Cac, currency)}, " +
            $"LTV {ReportCurrency.Format((double)all.Ltv, currency)}, LTV:CAC {Multiple(all)}, {Payback(all)}.",
        };
        var channels = groups.Where(a => a.Dimension == AcquisitionEconomics.Channel && a.Value != SegmentDimensions.Unknown && a.LtvToCac is not null)
            .OrderByDescending(a => a.LtvToCac).ThenBy(a => a.Value, StringComparer.Ordinal).ToList();
        if (channels.Count == 1)
            lines.Add($"The only channel with a known CAC: {labelOf(channels[0].Group)}, LTV:CAC {Multiple(channels[0])}.");
        else if (channels.Count > 1)
            lines.Add($"Highest LTV:CAC: {labelOf(channels[0].Group)}, {Multiple(channels[0])}; lowest: {labelOf(channels[^1].Group)}, {Multiple(channels[^1])}.");
        return lines;
    }

    private static string Multiple(AcquisitionEconomics a) =>
        $"{FigureText.Format((double?)a.LtvToCac, FigureFormat.Multiple)} (n = {FigureText.Format(a.Customers, FigureFormat.Count)})";

    private static string Payback(AcquisitionEconomics a) =>
        a.PaybackMonths is { } m ? $"CAC paid back in {FigureText.Format((double)m, FigureFormat.Score)} months" : "CAC payback unknown (no margin per month yet)";
}
