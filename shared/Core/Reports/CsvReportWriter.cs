using System.Globalization;
using System.Text;

namespace CustomerValue.Reports;

/// <summary>
/// RFC 4180 CSV (CRLF line ends, quotes doubled) that is safe to open in a spreadsheet: a text cell starting with
/// = + - @ tab or CR is prefixed with a single quote (OWASP "CSV injection"), so it cannot run as a formula.
/// Numbers are written by us, invariant culture, and stay numbers, negative ones included.
/// </summary>
public sealed class CsvReportWriter
{
    private readonly StringBuilder text = new();

    public CsvReportWriter Row(params IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) text.Append(',');
            first = false;
            text.Append(Cell(cell));
        }
        text.Append("\r\n");
        return this;
    }

    public override string ToString() => text.ToString();

    /// <summary>One field: numbers and dates as invariant literals, text neutralised and quoted where needed.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        bool b => b ? "true" : "false",
        decimal d => Money.Cents(d).ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        double => "",
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        float => "",
        int or long or short or byte or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => Text(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Text(value.ToString() ?? ""),
    };

    private static string Text(string value)
    {
        var dangerous = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (dangerous) return "\"'" + value.Replace("\"", "\"\"") + "\"";
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
