using System.Text;
using CustomerValue.Domain;
using CustomerValue.Ingestion;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>One test per dialect feature: delimiters, encodings, line endings, quoting, headers, numbers, dates.</summary>
public class CsvDialectTests
{
    private static List<Transaction> Accepted(UploadReading reading) => AllAccepted(reading.Transactions());

    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("\t", '\t')]
    [InlineData("|", '|')]
    public void Delimiter_is_sniffed(string delimiter, char expected)
    {
        var text = $"customer_id{delimiter}date{delimiter}amount\nc1{delimiter}2024-01-05{delimiter}10.50\nc2{delimiter}2024-01-06{delimiter}3\n";
        using var reading = Open(text);
        Assert.Equal(expected, reading.Delimiter);
        Assert.Equal([10.50m, 3m], Accepted(reading).Select(t => t.Amount));
    }

    [Fact]
    public void Runs_of_spaces_are_columns()
    {
        using var reading = Open("customer_id   date        amount\nc1            2024-01-05  10.50\nc2   2024-01-06   3\n");
        Assert.Null(reading.Delimiter);
        Assert.Equal(UploadContainer.AlignedText, reading.Container);
        Assert.Equal(["c1", "c2"], Accepted(reading).Select(t => t.CustomerId));
    }

    public static TheoryData<string, byte[]> Encodings()
    {
        const string text = "customer_id,date,amount,product\nc1,2024-01-05,10.50,Café crème\n";
        return new TheoryData<string, byte[]>
        {
            { "utf-8", new UTF8Encoding(false).GetBytes(text) },
            { "utf-8-bom", [.. new byte[] { 0xEF, 0xBB, 0xBF }, .. Encoding.UTF8.GetBytes(text)] },
            { "utf-16le", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] },
            { "utf-16be", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)] },
            { "windows-1252", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text) },
        };
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encoding_is_detected(string expected, byte[] bytes)
    {
        using var reading = OpenBytes(bytes);
        Assert.Equal(expected, reading.Encoding);
        var t = Assert.Single(Accepted(reading));
        Assert.Equal("Café crème", t.Product);
        Assert.Equal("c1", t.CustomerId); // no BOM left on the first header or value
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Crlf_and_lf_line_endings(string eol)
    {
        using var reading = Open($"customer_id,date,amount{eol}c1,2024-01-05,1{eol}c2,2024-01-06,2{eol}");
        var rows = reading.Transactions().ToList();
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
        Assert.Equal("c2", rows[1].Value.CustomerId);
    }

    [Fact]
    public void Quoted_fields_with_newlines_and_quotes_keep_physical_line_numbers()
    {
        const string text = "customer_id,date,amount,product\n" +
                            "c1,2024-01-05,1,\"two\nlines\"\n" +         // lines 2-3
                            "c2,2024-01-06,2,\"say \"\"hi\"\"\"\n" +     // line 4
                            "c3,2024-01-07,oops,x\n";                    // line 5
        using var reading = Open(text);
        var rows = reading.Transactions().ToList();
        Assert.Equal([2L, 4L, 5L], rows.Select(r => r.Line));
        Assert.Equal("two\nlines", rows[0].Value.Product);
        Assert.Equal("say \"hi\"", rows[1].Value.Product);
        Assert.Equal(new RowRejection(5, "amount", "'oops' is not a number (this column writes decimals with '.')", "oops"), rows[2].Rejection);
    }

    [Fact]
    public void Trailing_delimiters_and_blank_lines_are_tolerated()
    {
        using var reading = Open("customer_id,date,amount,\n\nc1,2024-01-05,1,\n\n\nc2,2024-01-06,2,\n");
        Assert.Equal(3, reading.Columns.Count);
        Assert.Equal([3L, 6L], reading.Transactions().Select(r => r.Line));
        Assert.Equal(2, Accepted(reading).Count);
    }

    [Fact]
    public void Duplicate_header_names_are_disambiguated()
    {
        using var reading = Open("id,Q1,Q1,Q1,\nc1,a,b,c\n", kind: UploadKind.Customers);
        Assert.Equal(["id", "Q1", "Q1 (2)", "Q1 (3)"], reading.Columns.Select(c => c.Name));
        var customer = reading.Customers().Single().Value!;
        Assert.Equal(("a", "b", "c"), (customer.Attributes!["Q1"], customer.Attributes["Q1 (2)"], customer.Attributes["Q1 (3)"]));
    }

    [Fact]
    public void Decimal_comma_and_dot_thousands_decided_per_column()
    {
        // amount writes 1.234,56 (comma decimals); quantity is whole; a second money column uses 1,234.56.
        using var reading = Open("customer_id;date;amount;qty\nc1;2024-01-05;1.234,56;2\nc2;2024-01-06;12,5;1\nc3;2024-01-07;-3,00;1\n");
        Assert.Equal([1234.56m, 12.5m, -3.00m], Accepted(reading).Select(t => t.Amount));
        using var us = Open("customer_id,date,amount\nc1,2024-01-05,\"1,234.56\"\nc2,2024-01-06,12.50\n");
        Assert.Equal([1234.56m, 12.50m], Accepted(us).Select(t => t.Amount));
    }

    [Fact]
    public void A_value_in_the_other_number_format_is_rejected_not_misread()
    {
        using var reading = Open("customer_id,date,amount\nc1,2024-01-05,12.50\nc2,2024-01-06,\"1.234,56\"\nc3,2024-01-06,7.25\n");
        var rows = reading.Transactions().ToList();
        Assert.Equal(3, rows.Single(r => !r.IsAccepted).Line);
        Assert.Equal([12.50m, 7.25m], rows.Where(r => r.IsAccepted).Select(r => r.Value.Amount));
    }

    [Fact]
    public void Currency_symbols_and_codes_are_stripped_and_kept()
    {
        using var reading = Open("customer_id,date,amount\nc1,2024-01-05,$12.00\nc2,2024-01-05,€ 7.50\nc3,2024-01-05,15.00 GBP\nc4,2024-01-05,(4.00)\nc5,2024-01-05,-$3.00\n");
        var rows = Accepted(reading);
        Assert.Equal([12.00m, 7.50m, 15.00m, -4.00m, -3.00m], rows.Select(t => t.Amount));
        Assert.Equal(["USD", "EUR", "GBP", null, "USD"], rows.Select(t => t.Currency));
    }

    [Fact]
    public void Day_first_dates_are_decided_from_the_whole_column()
    {
        using var reading = Open("customer_id,date,amount\nc1,03/04/2024,1\nc2,25/04/2024,1\n");
        Assert.Equal(DateOrder.DayFirst, reading.DateOrders["date"]);
        Assert.Equal([new DateOnly(2024, 4, 3), new DateOnly(2024, 4, 25)], Accepted(reading).Select(t => t.Date));
    }

    [Fact]
    public void Month_first_dates_are_decided_from_the_whole_column()
    {
        using var reading = Open("customer_id,date,amount\nc1,03/04/2024,1\nc2,04/25/2024,1\n");
        Assert.Equal(DateOrder.MonthFirst, reading.DateOrders["date"]);
        Assert.Equal(new DateOnly(2024, 3, 4), Accepted(reading)[0].Date);
    }

    [Fact]
    public void Date_order_evidence_beyond_the_sample_is_found_by_looking_ahead()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 50; i++) text.Append($"c{i},01/02/2024,1\n");
        text.Append("late,13/02/2024,1\n");
        using var reading = Open(text.ToString(), limits: new IngestionLimits { SampleRows = 10 });
        Assert.Equal(DateOrder.DayFirst, reading.DateOrders["date"]);
        Assert.Equal(new DateOnly(2024, 2, 1), Accepted(reading)[0].Date);
    }

    [Fact]
    public void Ambiguous_date_column_is_refused_unless_the_mapping_says()
    {
        const string text = "customer_id,date,amount\nc1,03/04/2024,1\nc2,05/06/2024,1\n";
        var ex = Rejected(() => Open(text, "ambiguous.csv"));
        Assert.Contains("column 'date'", ex.Reason);
        Assert.Contains("day-first or month-first", ex.Reason);
        Assert.StartsWith("ambiguous.csv: ", ex.Message);

        using var reading = Open(text, mapping: new UploadMapping(DateOrder: DateOrder.MonthFirst));
        Assert.Equal(new DateOnly(2024, 3, 4), Accepted(reading)[0].Date);
    }

    [Fact]
    public void Refunds_negative_amounts_and_cancellations_are_data()
    {
        using var reading = Open("customer_id,date,amount,type,order_id\nc1,2024-01-05,20,sale,o1\nc1,2024-01-06,20,refund,o1\nc2,2024-01-07,-5,,o2\nc3,2024-01-08,9,cancelled,o3\n");
        var rows = Accepted(reading);
        Assert.Equal([20m, -20m, -5m, -9m], rows.Select(t => t.Amount));
        Assert.Equal([TransactionType.Purchase, TransactionType.Refund, TransactionType.Refund, TransactionType.Cancellation], rows.Select(t => t.Type));
    }

    [Fact]
    public void Kind_comes_from_the_blob_path_or_the_headers()
    {
        const string text = "customer_id,signup_date,plan,country\nc1,2024-01-05,pro,NL\n";
        using (var byPath = Open(text, "uploads/customers/list.csv")) Assert.Equal(UploadKind.Customers, byPath.Kind);
        using (var auto = Open(text, "uploads/auto/list.csv")) Assert.Equal(UploadKind.Customers, auto.Kind);
        using var tickets = Open("ticket_id,customer_id,opened_at,closed_at,channel,handling_minutes,rating\nt1,c1,2024-01-05 09:00,2024-01-05 10:30,email,25,4\n");
        Assert.Equal(UploadKind.Tickets, tickets.Kind);
        var ticket = tickets.Tickets().Single().Value!;
        Assert.Equal((new DateTime(2024, 1, 5, 10, 30, 0), 25.0, 4), (ticket.ClosedAt!.Value, ticket.HandlingMinutes!.Value, ticket.Rating!.Value));
    }

    [Fact]
    public void Non_seekable_stream_is_read_through_a_temporary_copy()
    {
        var bytes = Encoding.UTF8.GetBytes("customer_id,date,amount\nc1,2024-01-05,1\n");
        using var reading = UploadReader.Open(new ForwardOnlyStream(bytes), "x.csv", null, null, IngestionLimits.Default);
        Assert.Single(Accepted(reading));
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
