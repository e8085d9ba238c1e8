using CustomerValue.Application.Reports;
using System.Globalization;

namespace CustomerValue.Application.Snapshots;

/// <summary>What the admin endpoint is asked for: one snapshot as of a moment, or a backfill from, to, every.</summary>
public sealed record SnapshotRequest(DateTimeOffset AsOf, DateOnly? From, DateOnly? To, SnapshotEvery Every)
{
    /// <summary>Reads the query's texts; a problem names the parameter that is wrong and why.</summary>
    public static (SnapshotRequest? Request, QueryProblem? Problem) Parse(string? asOf, string? from, string? to, string? every, DateTimeOffset now)
    {
        var moment = now;
        if (asOf is not null && !DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment))
            return (null, new("asOf", $"'asOf' must be a date or an ISO 8601 moment, not '{asOf}'."));
        if (asOf is not null && OutOfRange(DateOnly.FromDateTime(moment.UtcDateTime)))
            return (null, new("asOf", $"'asOf' must be between {ReportQuery.EarliestDate:yyyy-MM-dd} and {ReportQuery.LatestDate:yyyy-MM-dd}, not '{asOf}'."));
        if ((from is null) != (to is null))
            return (null, new(from is null ? "to" : "from", "'from' and 'to' go together: give both for a backfill."));
        if (from is null) return every is null ? (new SnapshotRequest(moment, null, null, SnapshotEvery.Month), null) : (null, new("every", "'every' needs 'from' and 'to'."));
        if (asOf is not null) return (null, new("asOf", "give 'asOf' (one snapshot) or 'from' and 'to' (a backfill), not both."));
        if (!TryDay(from, out var first)) return (null, new("from", $"'from' must be a date (yyyy-MM-dd) between {ReportQuery.EarliestDate:yyyy-MM-dd} and {ReportQuery.LatestDate:yyyy-MM-dd}, not '{from}'."));
        if (!TryDay(to, out var last)) return (null, new("to", $"'to' must be a date (yyyy-MM-dd) between {ReportQuery.EarliestDate:yyyy-MM-dd} and {ReportQuery.LatestDate:yyyy-MM-dd}, not '{to}'."));
        if (last < first) return (null, new("to", $"'to' ({to}) is before 'from' ({from})."));
        var step = SnapshotEvery.Month;
        if (every is not null && !Enum.TryParse(every, ignoreCase: true, out step) || !Enum.IsDefined(step))
            return (null, new("every", $"'every' must be day, week or month, not '{every}'."));
        return (new SnapshotRequest(moment, first, last, step), null);
    }

    private static bool OutOfRange(DateOnly day) => day < ReportQuery.EarliestDate || day > ReportQuery.LatestDate;

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && !OutOfRange(day);
}
