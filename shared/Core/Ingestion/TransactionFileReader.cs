using System.Globalization;
using System.Text;
using CustomerValue.Domain;

namespace CustomerValue.Ingestion;

/// <summary>
/// Streams a transactions file: delimited text with a header naming customer, date and amount columns,
/// or the headerless whitespace layout of the CDNOW files (id [sample id] yyyyMMdd quantity amount).
/// Reads line by line, so memory does not grow with the file.
/// </summary>
public static class TransactionFileReader
{
    private static readonly string[] CustomerNames = ["customer_id", "customerid", "customer", "cust_id", "client_id", "user_id", "id"];
    private static readonly string[] DateNames = ["date", "order_date", "transaction_date", "purchase_date", "invoicedate", "timestamp"];
    private static readonly string[] AmountNames = ["amount", "dollar_value", "revenue", "value", "total", "price", "sales"];
    private static readonly string[] OrderNames = ["order_id", "orderid", "invoice", "invoiceno", "transaction_id"];
    private static readonly string[] QuantityNames = ["quantity", "qty", "number_of_cds", "units"];

    public static IEnumerable<RowResult<Transaction>> Read(Stream stream, string fileName)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        long line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text)) break;
        }
        if (text is null) throw new UploadRejectedException(fileName, "the file is empty: expected a header or transaction rows.");

        var layout = Layout.Detect(text, fileName);
        if (!layout.HeaderRow)
        {
            yield return layout.Parse(line, text);
        }
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return layout.Parse(line, text);
        }
    }

    private sealed class Layout
    {
        private char? delimiter;
        private int customer, date, amount, order = -1, quantity = -1;
        private string[] names = [];
        public bool HeaderRow { get; private set; }

        public static Layout Detect(string first, string fileName)
        {
            var layout = new Layout();
            layout.delimiter = SniffDelimiter(first);
            var cells = layout.Split(first);
            var normalized = cells.Select(c => c.Trim().Trim('"').ToLowerInvariant().Replace(' ', '_')).ToArray();
            int Find(string[] candidates) => Array.FindIndex(normalized, n => candidates.Contains(n));
            if (Find(DateNames) >= 0 || Find(AmountNames) >= 0)
            {
                layout.HeaderRow = true;
                layout.names = cells.Select(c => c.Trim().Trim('"')).ToArray();
                layout.customer = Find(CustomerNames);
                layout.date = Find(DateNames);
                layout.amount = Find(AmountNames);
                layout.order = Find(OrderNames);
                layout.quantity = Find(QuantityNames);
                var missing = new List<string>();
                if (layout.customer < 0) missing.Add("customer id");
                if (layout.date < 0) missing.Add("date");
                if (layout.amount < 0) missing.Add("amount");
                if (missing.Count > 0)
                    throw new UploadRejectedException(fileName,
                        $"line 1: the header has no {string.Join(", ", missing)} column (found: {string.Join(", ", layout.names)}).");
                return layout;
            }
            // Headerless CDNOW layout: id, [sample id,] yyyyMMdd, quantity, amount.
            if (cells.Length is 4 or 5 && cells[^3].Length == 8 && cells[^3].All(char.IsAsciiDigit))
            {
                layout.customer = 0;
                layout.date = cells.Length - 3;
                layout.quantity = cells.Length - 2;
                layout.amount = cells.Length - 1;
                layout.names = cells.Length == 5
                    ? ["customer_id", "sample_id", "date", "quantity", "amount"]
                    : ["customer_id", "date", "quantity", "amount"];
                return layout;
            }
            throw new UploadRejectedException(fileName,
                "line 1: no header with customer id, date and amount columns, and not the id/date/quantity/amount layout.");
        }

        private static char? SniffDelimiter(string line)
        {
            foreach (var c in new[] { ',', ';', '\t', '|' })
                if (line.Contains(c)) return c;
            return null; // runs of white space
        }

        private string[] Split(string line) => delimiter is { } d
            ? line.Split(d)
            : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        public RowResult<Transaction> Parse(long line, string text)
        {
            var cells = Split(text);
            var needed = Math.Max(Math.Max(customer, date), amount);
            if (cells.Length <= needed)
                return RowResult<Transaction>.Reject(line, names[Math.Min(cells.Length, names.Length - 1)],
                    $"expected {names.Length} fields, found {cells.Length}");
            var id = cells[customer].Trim().Trim('"');
            if (id.Length == 0) return RowResult<Transaction>.Reject(line, names[customer], "customer id is empty");
            if (!TryDate(cells[date].Trim().Trim('"'), out var day))
                return RowResult<Transaction>.Reject(line, names[date], "not a date (expected yyyy-MM-dd or yyyyMMdd)", cells[date]);
            if (!decimal.TryParse(cells[amount].Trim().Trim('"'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return RowResult<Transaction>.Reject(line, names[amount], "not a number", cells[amount]);
            var qty = 1;
            if (quantity >= 0 && quantity < cells.Length && !int.TryParse(cells[quantity].Trim().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out qty))
                return RowResult<Transaction>.Reject(line, names[quantity], "quantity is not a whole number", cells[quantity]);
            var orderId = order >= 0 && order < cells.Length ? cells[order].Trim().Trim('"') : null;
            return RowResult<Transaction>.Accept(line, new Transaction(id, day, value, orderId, qty));
        }

        private static bool TryDate(string s, out DateOnly day) =>
            DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            || (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt)
                && (day = DateOnly.FromDateTime(dt)) != default);
    }
}
