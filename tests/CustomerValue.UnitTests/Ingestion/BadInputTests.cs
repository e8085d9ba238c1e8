using System.IO.Compression;
using System.Text;
using CustomerValue.Ingestion;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>
/// Each kind of bad input: whole files are refused with a reason naming the file; bad rows are rejected with line,
/// column and reason while the good rows around them are kept.
/// </summary>
public class BadInputTests
{
    private const string Header = "customer_id,date,amount\n";

    [Fact]
    public void Binary_file_is_refused()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var ex = Rejected(() => OpenBytes(bytes, "photo.csv"));
        Assert.Equal("photo.csv", ex.FileName);
        Assert.Contains("binary", ex.Reason);
    }

    [Fact]
    public void Png_and_old_xls_are_refused_with_what_to_do()
    {
        Assert.Contains("not a table", Rejected(() => OpenBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "x.csv")).Reason);
        Assert.Contains("save it as .xlsx", Rejected(() => OpenBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "old.xls")).Reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n\n  \n", "no rows")]
    [InlineData(Header, "header but no data rows")]
    public void Empty_or_header_only_file_is_refused(string text, string expected)
    {
        var ex = Rejected(() => Open(text, "t.csv", UploadKind.Transactions));
        Assert.Contains(expected, ex.Reason);
        Assert.Equal("t.csv", ex.FileName);
    }

    [Fact]
    public void Wrong_kind_is_refused_naming_the_missing_columns()
    {
        var ex = Rejected(() => Open("customer_id,plan,country\nc1,pro,NL\n", "uploads/transactions/customers.csv"));
        Assert.Contains("a transactions upload needs these columns, which were not found: date; amount", ex.Reason);
        Assert.Contains("(columns: customer_id, plan, country)", ex.Reason);

        var survey = Rejected(() => OpenFile(Fixture("qualtrics_nps.csv"), UploadKind.Costs));
        Assert.Contains("Qualtrics survey export, not a costs file", survey.Reason);
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        var ex = Rejected(() => Open("colour,size\nred,3\n", "things.csv"));
        Assert.Contains("cannot tell what kind of data", ex.Reason);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused()
    {
        var text = Header + string.Concat(Enumerable.Range(0, 200).Select(i => $"c{i},2024-01-05,1\n"));
        var ex = Rejected(() => Open(text, "big.csv", limits: new IngestionLimits { MaxFileBytes = 1024 }));
        Assert.Contains("limit", ex.Reason);
        Assert.Contains("Split it", ex.Reason);
    }

    [Fact]
    public void Xlsx_whose_uncompressed_size_is_over_the_limit_is_refused()
    {
        var rows = new[] { new[] { "customer_id", "date", "amount" } }
            .Concat(Enumerable.Range(0, 2000).Select(i => new[] { $"c{i}", "2024-01-05", "1" }));
        var bytes = Xlsx(rows);
        var ex = Rejected(() => OpenBytes(bytes, "big.xlsx", limits: new IngestionLimits { MaxUncompressedBytes = 50_000 }));
        Assert.Contains("unpacks to more than", ex.Reason);
    }

    [Fact]
    public void Zip_bomb_is_refused_by_compression_ratio()
    {
        var rows = new[] { new[] { "customer_id", "date", "amount" }, new[] { "c1", "2024-01-05", "1" } };
        // 64 MB of zeros compresses to about 64 KB: far beyond a real sheet's ratio.
        var bytes = Xlsx(rows, extra: zip =>
        {
            using var part = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (var i = 0; i < 64; i++) part.Write(block);
        });
        Assert.True(bytes.Length < 1_000_000);
        var ex = Rejected(() => OpenBytes(bytes, "bomb.xlsx"));
        Assert.Contains("zip bomb", ex.Reason);
    }

    [Fact]
    public void Damaged_zip_is_refused()
    {
        var bytes = Xlsx([["customer_id", "date", "amount"], ["c1", "2024-01-05", "1"]]);
        var truncated = bytes[..(bytes.Length / 2)];
        var ex = Rejected(() => OpenBytes(truncated, "broken.xlsx"));
        Assert.Contains("broken.xlsx", ex.Message);
    }

    [Fact]
    public void Xlsx_rows_are_checked_like_csv_rows()
    {
        var bytes = Xlsx([["customer_id", "date", "amount"], ["c1", "2024-01-05", "1"], ["c2", "2024-01-06", "lots"], ["c3", "2024-01-07", "3.5"]]);
        using var reading = OpenBytes(bytes, "t.xlsx");
        var rows = reading.Transactions().ToList();
        Assert.Equal([1m, 3.5m], rows.Where(r => r.IsAccepted).Select(r => r.Value.Amount));
        var bad = rows.Single(r => !r.IsAccepted).Rejection!;
        Assert.Equal((3L, "amount"), (bad.Line, bad.Column));
    }

    [Fact]
    public void Nul_character_rejects_the_row_only()
    {
        using var reading = Open(Header + "c1,2024-01-05,1\nc\0x,2024-01-06,2\nc3,2024-01-07,3\n", kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();
        var bad = rows.Single(r => !r.IsAccepted).Rejection!;
        Assert.Equal((3L, "customer_id"), (bad.Line, bad.Column));
        Assert.Contains("NUL", bad.Reason);
        Assert.Equal(["c1", "c3"], rows.Where(r => r.IsAccepted).Select(r => r.Value.CustomerId));
    }

    [Fact]
    public void Over_long_cell_and_row_are_rejected_with_their_line()
    {
        var limits = new IngestionLimits { MaxCellChars = 50, MaxRowChars = 80 };
        var longCell = new string('x', 51);
        var text = "customer_id,date,amount,product,note\n" +
                   "c1,2024-01-05,1,a,b\n" +
                   $"c2,2024-01-06,2,{longCell},b\n" +
                   $"c3,2024-01-07,3,{new string('y', 45)},{new string('z', 45)}\n" +
                   "c4,2024-01-08,4,a,b\n";
        using var reading = Open(text, limits: limits);
        var rows = reading.Transactions().ToList();
        var rejections = rows.Where(r => !r.IsAccepted).Select(r => r.Rejection!).ToList();
        Assert.Equal((3L, "product"), (rejections[0].Line, rejections[0].Column));
        Assert.Contains("51 characters; the limit is 50", rejections[0].Reason);
        Assert.Equal(4L, rejections[1].Line);
        Assert.Contains("the limit is 80", rejections[1].Reason);
        Assert.Equal(["c1", "c4"], rows.Where(r => r.IsAccepted).Select(r => r.Value.CustomerId));
    }

    [Fact]
    public void Cell_limit_cannot_exceed_what_a_table_property_holds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IngestionLimits { MaxCellChars = 40_000 }.Validated());
    }

    [Fact]
    public void Unclosed_quote_rejects_the_rest_but_keeps_the_rows_before()
    {
        using var reading = Open(Header + "c1,2024-01-05,1\nc2,\"2024-01-06,2\nc3,2024-01-07,3\n", kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();
        Assert.Equal("c1", rows[0].Value.CustomerId);
        var bad = rows.Single(r => !r.IsAccepted).Rejection!;
        Assert.Equal(3, bad.Line);
        Assert.Contains("never closes", bad.Reason);
    }

    [Fact]
    public void Extra_fields_are_rejected_naming_the_delimiter()
    {
        using var reading = Open(Header + "c1,2024-01-05,1\nc2,2024-01-06,1,50\n", kind: UploadKind.Transactions);
        var bad = reading.Transactions().Single(r => !r.IsAccepted).Rejection!;
        Assert.Equal((3L, "field 4"), (bad.Line, bad.Column));
        Assert.Contains("4 fields but the header has 3", bad.Reason);
    }

    [Fact]
    public void Bad_values_per_kind_name_line_column_and_reason()
    {
        using (var t = Open(Header + "c1,2024-01-05,1\n,2024-01-05,1\nc3,2024-13-45,1\nc4,2024-01-05,\n"))
        {
            var r = t.Transactions().Where(x => !x.IsAccepted).Select(x => (x.Line, x.Rejection!.Column, x.Rejection.Reason)).ToList();
            Assert.Equal((3L, "customer_id", "customer id is empty"), r[0]);
            Assert.Equal((4L, "date"), (r[1].Line, r[1].Column));
            Assert.Contains("not a date", r[1].Reason);
            Assert.Equal((5L, "amount", "amount is empty"), r[2]);
        }
        using (var c = Open("category,amount,date,channel\nmarketing,100,2024-01-01,ads\nlunch,5,2024-01-01,\nsupport,20,,\n", "uploads/costs/c.csv"))
        {
            var rows = c.Costs().ToList();
            Assert.Equal(Domain.CostCategory.Marketing, rows[0].Value!.Category);
            Assert.Equal((3L, "category"), (rows[1].Line, rows[1].Rejection!.Column));
            Assert.Contains("not a cost category", rows[1].Rejection!.Reason);
            Assert.Equal((4L, "date"), (rows[2].Line, rows[2].Rejection!.Column));
        }
        using (var s = Open("customer_id,plan,start_date,end_date,mrr\nc1,pro,2024-01-01,2024-06-01,10\nc2,pro,2024-05-01,2024-01-01,10\n", "uploads/subscriptions/s.csv"))
        {
            var bad = s.Subscriptions().Single(x => !x.IsAccepted).Rejection!;
            Assert.Equal((3L, "end_date"), (bad.Line, bad.Column));
            Assert.Contains("before it starts", bad.Reason);
        }
        using (var k = Open("customer_id,age,signup_date\nc1,34,2024-01-01\nc2,-3,2024-01-01\n", "uploads/customers/k.csv"))
        {
            var bad = k.Customers().Single(x => !x.IsAccepted).Rejection!;
            Assert.Equal((3L, "age"), (bad.Line, bad.Column));
            Assert.Contains("outside 0..130", bad.Reason);
        }
    }

    [Fact]
    public void Inspection_report_counts_and_caps_rejections()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < 150; i++) text.Append($"c{i},2024-01-05,{(i % 3 == 0 ? "x" : "1")}\n");
        using var reading = Open(text.ToString(), "t.csv");
        var report = InspectionReport.Build(reading);
        Assert.Equal(150, report.RowsRead);
        Assert.Equal(50, report.RowsRejected); // i = 0, 3, ..., 147
        Assert.Equal(100, report.RowsAccepted);
        Assert.Equal(50, report.Rejections.Count);
        Assert.Equal(2, report.Rejections[0].Line);
        var json = System.Text.Json.JsonDocument.Parse(report.ToJson()).RootElement;
        foreach (var key in new[] { "kind", "format", "delimiter", "encoding", "columns", "rowsRead", "rowsAccepted", "rowsRejected", "rejections" })
            Assert.True(json.TryGetProperty(key, out _), key);
        Assert.Equal("transactions", json.GetProperty("kind").GetString());
        Assert.Equal("amount", json.GetProperty("rejections")[0].GetProperty("column").GetString());
    }
}
