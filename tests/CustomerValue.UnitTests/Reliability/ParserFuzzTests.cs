using System.Diagnostics;
using System.Text;
using CsCheck;
using System.IO.Compression;
using CustomerValue.Ingestion;
using CustomerValue.Tests.Ingestion;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// Hostile input for the readers: random bytes, CSV-shaped noise, damaged workbooks and mapping files must end in rows,
/// rejected rows or a clear UploadRejectedException, never another exception, a hang or unbounded memory. CI runs a fixed budget;
/// FUZZ_ITERATIONS raises it on demand (e.g. FUZZ_ITERATIONS=200000 scripts/test --filter ParserFuzz).
/// </summary>
public class ParserFuzzTests
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : 400;
    private static readonly IngestionLimits Limits = new() { MaxFileBytes = 1 << 20, MaxRowChars = 10_000, MaxCellChars = 2_000 };

    private static Gen<T> AnyOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<string> Cell = Gen.OneOf(
        Gen.Const(""), Gen.Const("\"\""), Gen.Const("\"a,b\""), Gen.Const("\"line\nbreak\""), Gen.Const("\"unclosed"),
        Gen.Const("1.234,56"), Gen.Const("1,234.56"), Gen.Const("€12"), Gen.Const("-5"), Gen.Const("2024-02-30"), Gen.Const("03/04/2024"),
        Gen.Const("=cmd()"), Gen.Const("\0"), Gen.Const("😀"), Gen.Const("\uFEFF"), Gen.Const("<script>"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12], Gen.String[0, 20]);

    private static readonly Gen<string> Header = Gen.OneOf(
        Gen.Const("customer_id,date,amount"), Gen.Const("customer_id;date;amount"), Gen.Const("customer_id\tsignup_date\tplan"),
        Gen.Const("Timestamp,How likely are you to recommend us?,Comments"), Gen.Const("#,Response Type,Rating"),
        Gen.Const("StartDate,EndDate,Status,Finished,ResponseId,Q1"), Gen.String[0, 40]);

    private static readonly Gen<string> CsvText =
        Gen.Select(Header, Gen.Select(Cell.Array[0, 8], AnyOf(",", ";", "\t", "|"), (cells, delimiter) => string.Join(delimiter, cells)).Array[0, 30],
            AnyOf("\n", "\r\n", "\r"),
            (h, rows, eol) => h + eol + string.Join(eol, rows));

    private static void ReadFully(byte[] bytes, UploadKind? kind, string fileName = "fuzz.csv", UploadMapping? mapping = null)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var reading = UploadReader.Open(new MemoryStream(bytes), fileName, kind, mapping, Limits);
            long rows = 0;
            foreach (var row in reading.Records())
            {
                rows++;
                if (row.Rejection is { } r) Assert.True(r.Line >= 1, "a rejection names its line");
            }
            Assert.True(rows <= bytes.Length + 1, "no more rows than bytes");
        }
        catch (UploadRejectedException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"read took {clock.Elapsed}");
    }

    [Fact]
    public void Random_bytes_never_crash_the_reader() =>
        Gen.Byte.Array[0, 2048].Sample(bytes => ReadFully(bytes, null), iter: Iterations);

    [Fact]
    public void Csv_shaped_noise_never_crashes_the_reader_for_any_kind() =>
        Gen.Select(CsvText, AnyOf<UploadKind?>(null, UploadKind.Transactions, UploadKind.Customers, UploadKind.Surveys, UploadKind.Costs),
                AnyOf(Encoding.UTF8, Encoding.Unicode, Encoding.Latin1))
            .Sample((text, kind, encoding) => ReadFully(encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray(), kind), iter: Iterations);

    private static readonly Gen<string[][]> Sheet = Gen.Select(Header, Cell.Array[0, 8].Array[0, 20],
        (header, rows) => (string[][])[header.Split(','), .. rows]);

    [Fact]
    public void Workbooks_of_noise_cells_never_crash_the_reader() =>
        Gen.Select(Sheet, AnyOf<UploadKind?>(null, UploadKind.Transactions, UploadKind.Customers, UploadKind.Surveys), Gen.Bool)
            .Sample((rows, kind, numbers) => ReadFully(IngestionTestSupport.Xlsx(rows, numbers), kind, "fuzz.xlsx"), iter: Iterations);

    private static readonly byte[] GoodWorkbook = IngestionTestSupport.Xlsx(
        [["customer_id", "date", "amount"], ["A", "2024-01-01", "5"], ["B", "2024-01-02", "7.5"], ["C", "03/04/2024", "x"]]);

    [Fact]
    public void Workbooks_with_flipped_bytes_never_crash_the_reader() =>
        Gen.Select(Gen.Int[0, GoodWorkbook.Length - 1], Gen.Byte).Array[1, 8]
            .Sample(flips =>
            {
                var bytes = (byte[])GoodWorkbook.Clone();
                foreach (var (at, value) in flips) bytes[at] = value;
                ReadFully(bytes, UploadKind.Transactions, "fuzz.xlsx");
            }, iter: Iterations);

    private static readonly Gen<string> XmlNoise = Gen.OneOf(
        Gen.Const("<row r=\"2\">"), Gen.Const("</row>"), Gen.Const("<c r=\"A2\" t=\"s\"><v>99</v></c>"), Gen.Const("<c r=\"ZZZZZ9\"><v>1</v></c>"),
        Gen.Const("<c r=\"B2\" t=\"inlineStr\"><is><t>x</t></is></c>"), Gen.Const("<c r=\"-1\"><v>1e999</v></c>"), Gen.Const("<c t=\"d\"><v>not a date</v></c>"),
        Gen.Const("<c t=\"b\"><v>2</v></c>"), Gen.Const("<row r=\"0\">"), Gen.Const("<row r=\"99999999999\">"), Gen.Const("&amp;"), Gen.Const("&#0;"),
        Gen.Const("<dimension ref=\"A1:XFD1048576\"/>"), Gen.Const("<sheetData>"), Gen.Const("</sheetData>"), Gen.String[0, 10]);

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/_rels/workbook.xml.rels")]
    public void Workbook_parts_of_xml_noise_never_crash_the_reader(string part) =>
        XmlNoise.Array[0, 30].Sample(noise =>
        {
            var xml = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + string.Concat(noise);
            ReadFully(IngestionTestSupport.Xlsx([["customer_id", "date", "amount"], ["A", "2024-01-01", "5"]],
                extra: null, replace: (part, xml)), UploadKind.Transactions, "fuzz.xlsx");
        }, iter: Iterations);

    private static readonly Gen<string> MappingToken = Gen.OneOf(
        Gen.Const("{"), Gen.Const("}"), Gen.Const("["), Gen.Const("]"), Gen.Const(":"), Gen.Const(","), Gen.Const("\n"), Gen.Const("  "), Gen.Const("- "),
        Gen.Const("\"kind\""), Gen.Const("\"columns\""), Gen.Const("\"dateOrder\""), Gen.Const("\"decimalSeparator\""), Gen.Const("kind"), Gen.Const("columns"),
        Gen.Const("\"amount\""), Gen.Const("\"nps\""), Gen.Const("\"dayFirst\""), Gen.Const("null"), Gen.Const("true"), Gen.Const("1e999"), Gen.Const("&a"),
        Gen.Const("*a"), Gen.Const("!!binary"), Gen.Const("!!python/object"), Gen.Const("%YAML 1.2"), Gen.Const("---"), Gen.Const("'"), Gen.Const("\""),
        Gen.Const("//"), Gen.Const("/*"), Gen.Const("\t"), Gen.Const("\0"), Gen.Const("|"), Gen.Const(">"), Gen.Const("? "), Gen.String[0, 8]);

    [Fact]
    public void Mapping_files_of_noise_parse_or_are_refused_with_a_reason() =>
        Gen.Select(MappingToken.Array[0, 40], Gen.Bool).Sample((tokens, json) =>
        {
            var text = (json ? "{" : "") + string.Concat(tokens);
            var clock = Stopwatch.StartNew();
            try
            {
                var mapping = UploadMapping.Parse(text, "fuzz.mapping.json");
                ReadFully("customer_id,date,amount\nA,2024-01-01,5\n"u8.ToArray(), null, "fuzz.csv", mapping);
            }
            catch (UploadRejectedException e)
            {
                Assert.Equal("fuzz.mapping.json", e.FileName);
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"parse took {clock.Elapsed}");
        }, iter: Iterations);

    [Fact]
    public void A_huge_single_line_is_refused_within_the_row_limit_not_buffered_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("customer_id,date,amount\nA,2024-01-01," + new string('9', 900_000) + "\nB,2024-01-02,5\n");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        ReadFully(bytes, UploadKind.Transactions);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 64L << 20, $"allocated {allocated / 1e6:0} MB reading a 0.9 MB file");
    }
}
