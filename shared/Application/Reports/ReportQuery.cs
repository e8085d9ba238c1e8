using Microsoft.AspNetCore.Http;
using System.Globalization;
using CustomerValue.Reports;

namespace CustomerValue.Application.Reports;

public enum ReportFormat { Json, Csv, Html }

/// <summary>The query every report endpoint takes: from, to (yyyy-MM-dd), segment, format=json|csv|html, pii.</summary>
public sealed record ReportQuery(DateOnly? From, DateOnly? To, string? Segment, ReportFormat Format, bool Pii)
{
    /// <returns>The query, or the reason it is not valid (for a 400).</returns>
    public static (ReportQuery? Query, string? Error) Parse(HttpRequest request)
    {
        var q = request.Query;
        if (!TryDate(q["from"], "from", out var from, out var error) || !TryDate(q["to"], "to", out var to, out error)) return (null, error);
        if (from is { } f && to is { } t && f > t) return (null, $"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd}).");
        var formatText = q["format"].FirstOrDefault() ?? "json";
        if (!Enum.TryParse<ReportFormat>(formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format) || int.TryParse(formatText, out _))
            return (null, $"'format' must be json, csv or html, not '{formatText}'.");
        var piiText = q["pii"].FirstOrDefault();
        if (piiText is not null && !bool.TryParse(piiText, out _)) return (null, $"'pii' must be true or false, not '{piiText}'.");
        var segment = q["segment"].FirstOrDefault();
        return (new ReportQuery(from, to, string.IsNullOrWhiteSpace(segment) ? null : segment, format, piiText is not null && bool.Parse(piiText)), null);
    }

    public (DateOnly From, DateOnly To) Window(DateTimeOffset now) => ReportBuilder.Window(From, To, now);

    private static bool TryDate(string? text, string name, out DateOnly? value, out string? error)
    {
        (value, error) = (null, null);
        if (string.IsNullOrEmpty(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { value = d; return true; }
        error = $"'{name}' must be a date as yyyy-MM-dd, not '{text}'.";
        return false;
    }
}
