using System.Text.Encodings.Web;
using System.Text.Json;

namespace CustomerValue.Ingestion;

/// <summary>
/// The form in which an accepted row of a stored kind (customers, costs, subscriptions, tickets, surveys) is kept: one
/// JSON string property per table row. Its size is measured here, in that form, when the row is read.
/// </summary>
public static class StoredRows
{
    /// <summary>
    /// Web defaults with an encoder that writes '&lt;' and non-ASCII text as themselves: the default one escapes them
    /// six-fold (\u003C), so a 6,000-character Japanese comment would take 36,000. The stored JSON is never rendered as
    /// HTML; every page that shows a value encodes it there.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The property names a stored row uses, besides the keys (see <see cref="EntityBytes"/>).</summary>
    public const string RecordProperty = "Record";
    public const string CustomerIdProperty = "CustomerId";

    /// <summary>The row key of a line: zero-padded so that rows sort by line.</summary>
    public static string RowKey(long line) => line.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    public static object ValueOf(UploadRecord record) =>
        (object?)record.Customer ?? (object?)record.Cost ?? (object?)record.Subscription ?? (object?)record.Ticket
        ?? (object?)record.SurveyResponse ?? throw new ArgumentException("The record holds no value of a stored kind.", nameof(record));

    public static string? CustomerIdOf(UploadRecord record) =>
        record.Customer?.CustomerId ?? record.Cost?.CustomerId ?? record.Subscription?.CustomerId ?? record.Ticket?.CustomerId ?? record.SurveyResponse?.CustomerId;

    public static string Encode(UploadRecord record)
    {
        var value = ValueOf(record);
        return JsonSerializer.Serialize(value, value.GetType(), Json);
    }

    /// <summary>
    /// Why the row cannot be stored, or null. Blames the column of the longest cell when that cell is most of the row;
    /// otherwise the row's values together.
    /// </summary>
    internal static RowRejection? Check(UploadRecord record, RowCells cells)
    {
        var json = Encode(record);
        // The partition key is an upload id (64 hex characters); measured with that length.
        var entityBytes = TableLimits.EntityBytes(new string('0', 64), RowKey(cells.Line),
            [(RecordProperty, json), (CustomerIdProperty, CustomerIdOf(record))]);
        if (json.Length <= TableLimits.MaxStringChars && entityBytes <= TableLimits.MaxEntityBytes) return null;

        var (longest, length, total, count) = cells.LongestCell();
        var blamed = length * 2 >= total;
        var what = blamed
            ? $"its longest value ({length:N0} characters) is in this column"
            : $"its {count:N0} values together make it too long";
        var reason = json.Length > TableLimits.MaxStringChars
            ? $"the row takes {json.Length:N0} characters as stored and a table property holds at most {TableLimits.MaxStringChars:N0}; {what}"
            : $"the row takes {entityBytes:N0} bytes as stored and a table row holds at most {TableLimits.MaxEntityBytes:N0}; {what}";
        return blamed ? cells.RejectionAt(longest, reason) : new RowRejection(cells.Line, null, reason);
    }
}
