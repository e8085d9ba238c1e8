using System.Globalization;
using CustomerValue.Ingestion.Values;

namespace CustomerValue.Ingestion;

/// <summary>
/// Typed access to the cells of one row by role. A failed read records a rejection naming the column and the value,
/// and returns false so a mapper can stop at the first problem.
/// </summary>
internal sealed class RowCells(ColumnPlan plan)
{
    private string[] cells = [];

    public long Line { get; private set; }
    public RowRejection? Rejection { get; private set; }
    public ColumnPlan Plan => plan;

    public void Reset(long line, string[] rowCells)
    {
        Line = line;
        cells = rowCells;
        Rejection = null;
    }

    public string? Raw(int index) => index >= 0 && index < cells.Length ? cells[index] : null;

    public string? Text(ColumnRole role) => TextAt(plan.IndexOf(role));

    public string? TextAt(int index)
    {
        if (index < 0 || index >= cells.Length) return null;
        var value = cells[index];
        if (value.Length == 0) return null;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    public bool Fail(ColumnRole role, string reason) => FailAt(plan.IndexOf(role), reason);

    public bool FailAt(int index, string reason)
    {
        Rejection = RejectionAt(index, reason);
        return false;
    }

    /// <summary>A rejection naming the column and showing (the start of) its value.</summary>
    public RowRejection RejectionAt(int index, string reason)
    {
        var raw = plan.Shown(index, Raw(index));
        if (raw is { Length: > ShownChars }) raw = raw[..ShownChars] + "...";
        return new RowRejection(Line, plan.NameOf(index), reason, raw);
    }

    private const int ShownChars = 200;

    /// <summary>The index and length of the longest cell, the length of all cells, and how many are not empty.</summary>
    public (int Index, int Length, long Total, int NonEmpty) LongestCell()
    {
        int index = -1, length = 0, nonEmpty = 0;
        long total = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Length == 0) continue;
            nonEmpty++;
            total += cells[i].Length;
            if (cells[i].Length > length) (index, length) = (i, cells[i].Length);
        }
        return (index, length, total, nonEmpty);
    }

    public bool Require(ColumnRole role, string what, out string value)
    {
        value = Text(role) ?? "";
        return value.Length > 0 || Fail(role, $"{what} is empty");
    }

    public bool Decimal(ColumnRole role, out decimal? value, out string? currency)
    {
        value = null;
        currency = null;
        var index = plan.IndexOf(role);
        var text = TextAt(index);
        if (text is null) return true;
        var separator = plan.DecimalSeparators[index];
        if (Amounts.TryParse(text, separator, out var parsed, out currency))
        {
            if (Math.Abs(parsed) > IngestionLimits.MaxAbsoluteAmount)
                return FailAt(index, $"'{text}' is beyond {IngestionLimits.MaxAbsoluteAmount:N0} (1e15) either way, the largest amount accepted; a figure this large is a mistake in the file");
            value = parsed;
            return true;
        }
        return FailAt(index, $"'{text}' is not a number (this column writes decimals with '{separator}')");
    }

    public bool Integer(ColumnRole role, int min, int max, out int? value)
    {
        value = null;
        var index = plan.IndexOf(role);
        var text = TextAt(index);
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            || (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d < int.MaxValue && (parsed = (int)d) == d))
        {
            if (parsed < min || parsed > max) return FailAt(index, $"{parsed} is outside {min}..{max}");
            value = parsed;
            return true;
        }
        return FailAt(index, $"'{text}' is not a whole number");
    }

    public bool Date(ColumnRole role, out DateTime? value)
    {
        value = null;
        var index = plan.IndexOf(role);
        var text = TextAt(index);
        if (text is null) return true;
        var order = plan.DateOrders[index];
        if (Dates.TryParse(text, order, out var parsed))
        {
            if (!TableLimits.IsStorable(parsed))
                return FailAt(index, $"'{text}' is before {TableLimits.MinDate:yyyy-MM-dd}, the earliest date that can be stored");
            value = parsed;
            return true;
        }
        var expected = order switch
        {
            DateOrder.DayFirst => "day/month/year, as in the rest of this column",
            DateOrder.MonthFirst => "month/day/year, as in the rest of this column",
            _ => "a date such as 2024-03-15",
        };
        return FailAt(index, $"'{text}' is not a date (expected {expected})");
    }

    public bool Flag(ColumnRole role, out bool? value)
    {
        value = null;
        var index = plan.IndexOf(role);
        var text = TextAt(index)?.ToLowerInvariant();
        if (text is null) return true;
        value = text switch
        {
            "1" or "true" or "yes" or "y" or "t" or "completed" or "complete" or "finished" => true,
            "0" or "false" or "no" or "n" or "f" or "partial" or "incomplete" => false,
            _ => null,
        };
        return value is not null || FailAt(index, $"'{text}' is not yes/no (expected yes, no, true, false, 1 or 0)");
    }

    /// <summary>Non-empty cells of attribute columns, by column name; name columns too unless <paramref name="withNames"/> is false.</summary>
    public IReadOnlyDictionary<string, string> Attributes(bool withNames = true)
    {
        Dictionary<string, string>? attributes = null;
        foreach (var i in withNames ? plan.AttributeIndexes.Concat(plan.NameIndexes) : plan.AttributeIndexes)
        {
            var text = TextAt(i);
            if (text is null) continue;
            attributes ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            attributes[plan.Columns[i].Name] = text;
        }
        return attributes ?? (IReadOnlyDictionary<string, string>)EmptyAttributes;
    }

    /// <summary>
    /// The attribute columns that hold personal data, by name, with their role: kept with the record so that masking
    /// follows the role a mapping gave a column, whatever its name. Null when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnRole>? PersonalAttributeRoles() => plan.PersonalAttributeRoles;

    /// <summary>A person's name from the name columns (first and last name joined), or null.</summary>
    public string? PersonName()
    {
        var parts = plan.NameIndexes.Select(TextAt).OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    private static readonly Dictionary<string, string> EmptyAttributes = [];
}
