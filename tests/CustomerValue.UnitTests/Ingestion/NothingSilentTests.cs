using System.IO.Compression;
using System.Text;
using CustomerValue.Ingestion;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>
/// Nothing is lost silently: an over-long line is one rejected row and the reading goes on; a tail that cannot be read
/// is a warning; invalid bytes are decided per file and noted; a damaged workbook or mapping is a clear refusal.
/// </summary>
public class NothingSilentTests
{
    private static string Transactions(int rows, int longLineAt, int longLineChars)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 1; i <= rows; i++)
            text.Append(i == longLineAt ? $"c{i},2024-01-01,{new string('7', longLineChars)}\n" : $"c{i},2024-01-01,{i}\n");
        return text.ToString();
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public void A_line_of_a_million_characters_is_one_rejected_row_and_the_rows_after_it_are_read(string encodingName)
    {
        var encoding = encodingName == "utf-8" ? new UTF8Encoding(false) : (Encoding)Encoding.Unicode;
        var text = Transactions(2_000, longLineAt: 1_000, longLineChars: 1_100_000);
        using var reading = OpenBytes([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();

        Assert.Equal(2_000, rows.Count);
        Assert.Equal(1_999, rows.Count(r => r.IsAccepted));
        var rejected = Assert.Single(rows, r => !r.IsAccepted).Rejection!;
        Assert.Equal(1_001, rejected.Line);
        Assert.Contains("longer than the row limit", rejected.Reason);
        Assert.Equal(2_001, rows[^1].Line);
        Assert.Equal(2_000m, rows[^1].Value.Amount);
        Assert.Empty(reading.Warnings);
    }

    [Fact]
    public void A_quoted_record_beyond_the_row_limit_ends_the_reading_with_a_warning()
    {
        var text = "customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-01,\"" + string.Concat(Enumerable.Repeat(new string('1', 1000) + "\n", 1_200)) + "\"\nC,2024-01-01,3\n";
        using var reading = Open(text, kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();

        Assert.True(rows[0].IsAccepted);
        Assert.Equal(3, rows[^1].Line);
        Assert.False(rows[^1].IsAccepted);
        var warning = Assert.Single(reading.Warnings);
        Assert.Contains("line 3", warning);
        Assert.Contains("rest of the file was not read", warning);
    }

    [Fact]
    public void One_invalid_byte_keeps_a_utf8_file_utf8_and_notes_where_it_is()
    {
        var bytes = Encoding.UTF8.GetBytes("customer_id,city\nc1,Zürich\nc2,Genève\nc3,Bern");
        bytes = [.. bytes, 0xFF, .. "e\nc4,Köln\n"u8.ToArray()];
        using var reading = OpenBytes(bytes, kind: UploadKind.Customers);

        Assert.Equal("utf-8", reading.Encoding);
        var customers = AllAccepted(reading.Customers());
        Assert.Equal(["Zürich", "Genève", "Bern\uFFFDe", "Köln"], customers.Select(c => c.City));
        var note = Assert.Single(reading.Notes, n => n.Contains("UTF-8"));
        Assert.Contains("1 of its bytes", note);
        Assert.Contains("line 4, column 8", note);
    }

    [Fact]
    public void A_windows_1252_file_is_read_as_such_and_says_so()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("customer_id,city\nc1,Zürich\nc2,Genève\n");
        using var reading = OpenBytes(bytes, kind: UploadKind.Customers);

        Assert.Equal("windows-1252", reading.Encoding);
        Assert.Equal(["Zürich", "Genève"], AllAccepted(reading.Customers()).Select(c => c.City));
        var note = Assert.Single(reading.Notes, n => n.Contains("Windows-1252"));
        Assert.Contains("line 2, column 5", note);
    }

    [Fact]
    public void A_valid_utf8_file_has_no_encoding_note()
    {
        using var reading = Open("customer_id,city\nc1,Zürich\n", kind: UploadKind.Customers);
        Assert.DoesNotContain(reading.Notes, n => n.Contains("UTF-8") || n.Contains("1252"));
    }

    [Fact]
    public void A_workbook_with_a_damaged_part_is_refused_with_the_reason()
    {
        var damaged = Xlsx([["customer_id", "date", "amount"], ["A", "2024-01-01", "5"]], replace: ("xl/workbook.xml", "<workbook><sheets><sheet name="));
        var ex = Rejected(() => OpenBytes(damaged, "book.xlsx", UploadKind.Transactions));
        Assert.Equal("book.xlsx", ex.FileName);
        Assert.Contains("the workbook is damaged", ex.Reason);
    }

    [Fact]
    public void A_workbook_whose_sheet_breaks_midway_is_refused_naming_the_damage()
    {
        var rows = new List<IReadOnlyList<string>> { new[] { "customer_id", "date", "amount" } };
        rows.AddRange(Enumerable.Range(1, 50).Select(i => (IReadOnlyList<string>)[$"c{i}", "2024-01-01", $"{i}"]));
        var good = Xlsx(rows);
        var sheet = Read(good, "xl/worksheets/sheet1.xml");
        var cut = sheet[..sheet.IndexOf("<row r=\"40\"", StringComparison.Ordinal)] + "<row r=\"40\"><c r=\"A40\" t=\"inlineStr\"><is><t>c39</t></is></c><c";
        // The workbook reader scans the sheet before its first row: the damage is found before anything is kept.
        var ex = Rejected(() => OpenBytes(Xlsx(rows, replace: ("xl/worksheets/sheet1.xml", cut)), "book.xlsx", UploadKind.Transactions));
        Assert.Contains("workbook cannot be read", ex.Reason);
        Assert.Contains("Unexpected end of file", ex.Reason);
    }

    [Theory]
    [InlineData("{ \"columns\": { \"amt\": \"amount\" ")]
    [InlineData("{ \"kind\": \"invoices\" }")]
    [InlineData("columns:\n  amt: money\n")]
    [InlineData("columns: [a, b\n")]
    [InlineData("!!python/object [ null\tcolumns")]
    public void A_bad_mapping_is_refused_naming_the_mapping(string text)
    {
        var ex = Assert.Throws<UploadRejectedException>(() => UploadMapping.Parse(text, "uploads/transactions/m.csv.mapping.json"));
        Assert.Equal("uploads/transactions/m.csv.mapping.json", ex.FileName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
    }

    private static string Read(byte[] zipBytes, string entry)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
