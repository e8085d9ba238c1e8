using System.Globalization;

namespace CustomerValue.Ingestion.Values;

/// <summary>What one date string says about the order of day and month.</summary>
public enum DateEvidence { NotADate, Unambiguous, DayFirst, MonthFirst, Either }

/// <summary>
/// Reads dates with or without time: ISO (2024-03-15, 2024-03-15T10:00:00Z), compact (20240315), year first with slashes,
/// and day-first or month-first numeric dates (15/03/2024, 03/15/2024 10:22:33 PM) whose order is decided per column.
/// </summary>
public static class Dates
{
    private static readonly string[] TextFormats =
    [
        "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "d-MMM-yyyy", "d-MMM-yy", "ddd, d MMM yyyy HH:mm:ss",
        "MMM d yyyy", "d MMM yyyy HH:mm", "MMM d, yyyy h:mm tt",
    ];

    public static DateEvidence Evidence(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) return DateEvidence.NotADate;
        if (!TrySplitNumeric(s, out var a, out var b, out _, out var yearFirst, out _))
            return TryParseIso(s, out _) || TryParseText(s, out _) ? DateEvidence.Unambiguous : DateEvidence.NotADate;
        if (yearFirst) return DateEvidence.Unambiguous;
        if (a > 12 && a <= 31 && b <= 12) return DateEvidence.DayFirst;
        if (b > 12 && b <= 31 && a <= 12) return DateEvidence.MonthFirst;
        if (a <= 12 && b <= 12) return DateEvidence.Either;
        return DateEvidence.NotADate;
    }

    /// <summary>Parses a date (and time, if any). <paramref name="order"/> is needed only for numeric day/month dates.</summary>
    public static bool TryParse(string text, DateOrder? order, out DateTime value)
    {
        value = default;
        var s = text.Trim();
        if (s.Length == 0) return false;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            // Fast path for the common plain form: 2024-03-15
            return DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }
        if (TrySplitNumeric(s, out var a, out var b, out var year, out var yearFirst, out var time))
        {
            int day, month;
            if (yearFirst) (month, day) = (a, b);
            else if (order == DateOrder.DayFirst) (day, month) = (a, b);
            else if (order == DateOrder.MonthFirst) (month, day) = (a, b);
            else return false;
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
            value = new DateTime(year, month, day) + time;
            return true;
        }
        return TryParseIso(s, out value) || TryParseText(s, out value);
    }

    private static bool TryParseIso(string s, out DateTime value)
    {
        value = default;
        if (s.Length == 8 && s.All(char.IsAsciiDigit))
            return DateTime.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        if (s.Length < 10 || !char.IsAsciiDigit(s[0]) || s[4] != '-') return false;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset))
        {
            // Timestamps with a zone become UTC; zone-less ones are taken as written.
            value = HasZone(s) ? offset.UtcDateTime : offset.DateTime;
            return true;
        }
        return false;
    }

    private static bool HasZone(string s) => s.EndsWith('Z') || (s.Length > 19 && (s[^6] is '+' or '-') && s[^3] == ':');

    private static bool TryParseText(string s, out DateTime value) =>
        DateTime.TryParseExact(s, TextFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);

    /// <summary>Splits a numeric date 'a/b/y [time]' or 'y/m/d [time]' with '/', '.' or '-' separators.</summary>
    private static bool TrySplitNumeric(string s, out int a, out int b, out int year, out bool yearFirst, out TimeSpan time)
    {
        a = b = year = 0;
        yearFirst = false;
        time = TimeSpan.Zero;
        var space = s.IndexOfAny([' ', 'T']);
        var datePart = space > 0 ? s[..space] : s;
        var timePart = space > 0 ? s[(space + 1)..].Trim() : "";
        var sep = datePart.IndexOfAny(['/', '.', '-']);
        if (sep <= 0) return false;
        var parts = datePart.Split(datePart[sep]);
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Length > 4 || !p.All(char.IsAsciiDigit))) return false;
        if (parts[0].Length == 4)
        {
            // ISO timestamps with a zone are left to the offset-aware parser.
            if (timePart.EndsWith('Z') || timePart.Contains('+') || (timePart.Length > 8 && timePart[^6] == '-')) return false;
            yearFirst = true;
            year = int.Parse(parts[0], CultureInfo.InvariantCulture);
            a = int.Parse(parts[1], CultureInfo.InvariantCulture);
            b = int.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        else
        {
            if (parts[2].Length is not (2 or 4) || parts[0].Length > 2 || parts[1].Length > 2) return false;
            a = int.Parse(parts[0], CultureInfo.InvariantCulture);
            b = int.Parse(parts[1], CultureInfo.InvariantCulture);
            year = int.Parse(parts[2], CultureInfo.InvariantCulture);
            if (parts[2].Length == 2) year += year < 70 ? 2000 : 1900;
        }
        if (year is < 1900 or > 2200) return false;
        return timePart.Length == 0 || TryParseTime(timePart, out time);
    }

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        var t = text;
        var gmt = t.IndexOf(" GMT", StringComparison.OrdinalIgnoreCase); // Google Forms: "10:22:33 AM GMT+1"
        if (gmt > 0) t = t[..gmt];
        t = t.Trim();
        var pm = t.EndsWith("PM", StringComparison.OrdinalIgnoreCase);
        var am = t.EndsWith("AM", StringComparison.OrdinalIgnoreCase);
        if (pm || am) t = t[..^2].Trim();
        var parts = t.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        double sec = 0;
        if (parts.Length == 3 && !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out sec)) return false;
        if (pm || am)
        {
            if (h is < 1 or > 12) return false;
            h = h % 12 + (pm ? 12 : 0);
        }
        if (h > 23 || m > 59 || sec >= 60) return false;
        time = new TimeSpan(h, m, 0) + TimeSpan.FromSeconds(sec);
        return true;
    }
}
