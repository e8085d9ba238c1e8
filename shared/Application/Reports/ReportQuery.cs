using Microsoft.AspNetCore.Http;
using System.Globalization;
using CustomerValue.Reports;

namespace CustomerValue.Application.Reports;

public enum ReportFormat { Json, Csv, Html }

/// <summary>Why a request is refused with a 400: the parameter and what is wrong with it.</summary>
public sealed record QueryProblem(string Parameter, string Error);

/// <summary>The query every report endpoint takes: from, to (yyyy-MM-dd), segment, format=json|csv|html, pii.</summary>
/// <param name="Window">The dates the report covers: From and To, or their defaults (To today, From a year before).</param>
public sealed record ReportQuery(DateOnly? From, DateOnly? To, string? Segment, ReportFormat Format, bool Pii, (DateOnly From, DateOnly To) Window)
{
    /// <summary>
    /// The dates a query may name: what Table Storage can hold (from 1601) with a day to spare at the top, so that
    /// "up to and including" a date can still be written as the next day.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1601, 1, 1);
    public static readonly DateOnly LatestDate = new(9999, 12, 30);

    private const int MaxSegmentLength = 200;

    /// <returns>The query, or the parameter that is not valid and why (for a 400).</returns>
    public static (ReportQuery? Query, QueryProblem? Problem) Parse(HttpRequest request, DateTimeOffset now)
    {
        var q = request.Query;
        if (!TryDate(q["from"], "from", out var from, out var problem) || !TryDate(q["to"], "to", out var to, out problem)) return (null, problem);
        if (from is { } f && to is { } t && f > t) return (null, new("from", $"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd})."));
        var formatText = q["format"].FirstOrDefault() ?? "json";
        if (!Enum.TryParse<ReportFormat>(formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format) || int.TryParse(formatText, out _))
            return (null, new("format", $"'format' must be json, csv or html, not '{formatText}'."));
        var piiText = q["pii"].FirstOrDefault();
        if (piiText is not null && !bool.TryParse(piiText, out _)) return (null, new("pii", $"'pii' must be true or false, not '{piiText}'."));
        var segment = q["segment"].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(segment) && SegmentProblem(segment) is { } bad) return (null, bad);
        if (SegmentSelector.Parse(segment).Error is { } segmentError) return (null, new("segment", segmentError));
        var end = to ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (from > end) return (null, new("from", $"'from' ({from:yyyy-MM-dd}) is after today ({end:yyyy-MM-dd}); give 'to' as well."));
        // The default start is a year before the end, clamped to the earliest date storage holds.
        var start = from ?? (end.DayNumber - EarliestDate.DayNumber < ReportBuilder.DefaultHistoryDays ? EarliestDate : end.AddDays(-ReportBuilder.DefaultHistoryDays));
        return (new ReportQuery(from, to, string.IsNullOrWhiteSpace(segment) ? null : segment.Trim(), format, piiText is not null && bool.Parse(piiText), (start, end)), null);
    }

    /// <summary>The segment's dimension: "plan" of "plan" or of "plan:pro".</summary>
    public string? SegmentDimension => Segment?.Split(':', 2)[0].Trim();

    /// <summary>The parsed <c>segment=</c> (dimension or dimension:value), the same for every endpoint.</summary>
    public SegmentSelector? Selector => SegmentSelector.Parse(Segment).Selector;

    /// <summary>Whether the segment names a value too ("plan:pro"), as a filter of customers needs.</summary>
    public bool SegmentHasValue => Segment?.Split(':', 2) is [_, var value] && !string.IsNullOrWhiteSpace(value);

    public static QueryProblem SegmentNeedsValue(string segment) =>
        new("segment", $"'segment' must be dimension:value, such as plan:pro, not '{segment}'.");

    private static QueryProblem? SegmentProblem(string segment)
    {
        if (segment.Length > MaxSegmentLength) return new("segment", $"'segment' is longer than {MaxSegmentLength} characters.");
        if (segment.Any(char.IsControl)) return new("segment", "'segment' contains a control character.");
        var parts = segment.Split(':', 2);
        if (string.IsNullOrWhiteSpace(parts[0]) || (parts.Length == 2 && string.IsNullOrWhiteSpace(parts[1]))) return SegmentNeedsValue(segment);
        return null;
    }

    private static bool TryDate(string? text, string name, out DateOnly? value, out QueryProblem? problem)
    {
        (value, problem) = (null, null);
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            problem = new(name, $"'{name}' must be a date as yyyy-MM-dd, not '{text}'.");
            return false;
        }
        if (d < EarliestDate || d > LatestDate)
        {
            problem = new(name, $"'{name}' must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}, not {d:yyyy-MM-dd}.");
            return false;
        }
        value = d;
        return true;
    }
}
