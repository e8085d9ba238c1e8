using System.Globalization;

namespace CustomerValue.Application.Snapshots;

/// <summary>What the admin endpoint is asked for: one snapshot as of a moment, or a backfill from, to, every.</summary>
public sealed record SnapshotRequest(DateTimeOffset AsOf, DateOnly? From, DateOnly? To, SnapshotEvery Every)
{
    /// <summary>Reads the query's texts; a clear error names the parameter that is wrong.</summary>
    public static (SnapshotRequest? Request, string? Error) Parse(string? asOf, string? from, string? to, string? every, DateTimeOffset now)
    {
        var moment = now;
        if (asOf is not null && !DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment))
            return (null, $"'asOf' must be a date or an ISO 8601 moment, not '{asOf}'.");
        if ((from is null) != (to is null)) return (null, "'from' and 'to' go together: give both for a backfill.");
        if (from is null) return every is null ? (new SnapshotRequest(moment, null, null, SnapshotEvery.Month), null) : (null, "'every' needs 'from' and 'to'.");
        if (asOf is not null) return (null, "give 'asOf' (one snapshot) or 'from' and 'to' (a backfill), not both.");
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)) return (null, $"'from' must be a date (yyyy-MM-dd), not '{from}'.");
        if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)) return (null, $"'to' must be a date (yyyy-MM-dd), not '{to}'.");
        if (last < first) return (null, $"'to' ({to}) is before 'from' ({from}).");
        var step = SnapshotEvery.Month;
        if (every is not null && !Enum.TryParse(every, ignoreCase: true, out step) || !Enum.IsDefined(step))
            return (null, $"'every' must be day, week or month, not '{every}'.");
        return (new SnapshotRequest(moment, first, last, step), null);
    }
}
