using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

public sealed class CsvReportWriterTests
{
    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-5 apples", "\"'-5 apples\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    public void Text_that_a_spreadsheet_would_run_is_prefixed_with_a_quote_and_quoted(string text, string expected) =>
        Assert.Equal(expected, CsvReportWriter.Cell(text));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("mid=dle", "mid=dle")]
    public void Other_text_is_quoted_only_when_RFC_4180_needs_it(string text, string expected) =>
        Assert.Equal(expected, CsvReportWriter.Cell(text));

    [Fact]
    public void Negative_numbers_we_write_stay_numbers()
    {
        Assert.Equal("-1234.5", CsvReportWriter.Cell(-1234.5m));
        Assert.Equal("-0.5", CsvReportWriter.Cell(-0.5));
        Assert.Equal("-7", CsvReportWriter.Cell(-7));
        Assert.Equal("", CsvReportWriter.Cell((double?)null));
        Assert.Equal("", CsvReportWriter.Cell(double.NaN));
    }

    [Fact]
    public void Rows_end_with_CRLF_and_read_back_with_a_standard_parser()
    {
        var csv = new CsvReportWriter().Row("name", "amount").Row("a,\"b\"\r\nc", -3.25m).Row("=cmd", 4).ToString();

        Assert.Equal("name,amount\r\n\"a,\"\"b\"\"\r\nc\",-3.25\r\n\"'=cmd\",4\r\n", csv);
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        Assert.Equal(3, rows.Count);
        Assert.Equal("a,\"b\"\r\nc", rows[1][0]);
        Assert.Equal(-3.25m, decimal.Parse(rows[1][1], CultureInfo.InvariantCulture));
        Assert.Equal("'=cmd", rows[2][0]);
    }

    [Fact]
    public void The_segment_csv_neutralises_a_hostile_segment_name_and_keeps_negative_revenue_numeric()
    {
        var csv = ReportCsv.Segments(SampleReportData.Create().Segments);
        var lines = csv.Split("\r\n");

        Assert.StartsWith("dimension,segment,period,customers,revenue,", lines[0]);
        Assert.Equal("plan,\"'=HYPERLINK(\"\"http://evil\"\")\",2026-11-01,345,-1234.5,,-0.5,,,,,,0,0,0,0,61.5,40,12.5", lines[2]);
    }
}
