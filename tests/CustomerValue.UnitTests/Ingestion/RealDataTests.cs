using System.Globalization;
using CustomerValue.Ingestion;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>The reference files in tests/data, checked against counts made here with plain string splitting.</summary>
public class RealDataTests
{
    /// <summary>Independent read of the CDNOW layout: id [sample id] yyyyMMdd quantity amount, split on white space.</summary>
    private static (int Rows, decimal Total, int Customers) CountCdnow(string path, bool header)
    {
        var lines = File.ReadLines(path).Where(l => l.Trim().Length > 0).Skip(header ? 1 : 0).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return (lines.Count, lines.Sum(p => decimal.Parse(p[^1], CultureInfo.InvariantCulture)), lines.Select(p => p[0]).Distinct().Count());
    }

    [Theory]
    [InlineData("CDNOW_master.txt", true)]
    [InlineData("CDNOW_sample.txt", false)]
    public void Cdnow_transactions_all_rows_kept(string file, bool header)
    {
        var path = TestPaths.Data("cdnow", file);
        var expected = CountCdnow(path, header);
        using var stream = File.OpenRead(path);
        var rows = TransactionFileReader.Read(stream, file).ToList();
        Assert.All(rows, r => Assert.True(r.IsAccepted, r.Rejection?.ToString()));
        Assert.Equal(expected.Rows, rows.Count);
        Assert.Equal(expected.Total, rows.Sum(r => r.Value.Amount));
        Assert.Equal(expected.Customers, rows.Select(r => r.Value.CustomerId).Distinct().Count());
        Assert.Equal(header ? 2 : 1, rows[0].Line);
        Assert.Equal(new DateOnly(1997, 1, 1), rows[0].Value.Date);
    }

    [Fact]
    public void Cdnow_master_is_detected_as_space_aligned_transactions()
    {
        using var reading = OpenFile(TestPaths.Data("cdnow", "CDNOW_master.txt"));
        Assert.Equal(UploadKind.Transactions, reading.Kind);
        Assert.Equal(UploadContainer.AlignedText, reading.Container);
        Assert.Equal("spaces", reading.DelimiterName);
        Assert.Equal(ColumnRole.Quantity, reading.Columns.Single(c => c.Name == "number_of_cds").Role);
    }

    /// <summary>The telco file has no quoted fields, so a plain split is an independent reader.</summary>
    private static List<string[]> TelcoRows() =>
        File.ReadLines(TestPaths.Data("telco_churn", "Telco-Customer-Churn.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Telco_churn_as_subscriptions_blank_total_is_missing_not_rejected()
    {
        var expected = TelcoRows();
        var blankTotals = expected.Count(r => r[19].Trim().Length == 0);
        Assert.Equal(11, blankTotals); // the known single-space cells

        using var reading = OpenFile(TestPaths.Data("telco_churn", "Telco-Customer-Churn.csv"));
        Assert.Equal(UploadKind.Subscriptions, reading.Kind);
        var rows = reading.Subscriptions().ToList();
        Assert.All(rows, r => Assert.True(r.IsAccepted, r.Rejection?.ToString()));
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(blankTotals, rows.Count(r => r.Value!.TotalValue is null));
        Assert.Equal(expected.Count(r => r[20] == "Yes"), rows.Count(r => r.Value!.Churned == true));
        Assert.Equal(expected.Sum(r => decimal.Parse(r[18], CultureInfo.InvariantCulture)), rows.Sum(r => r.Value!.RecurringValue));
        Assert.Equal(expected.Count(r => r[15] == "Two year"), rows.Count(r => r.Value!.BillingPeriod == Domain.BillingPeriod.TwoYearly));
        Assert.Equal("Female", rows[0].Value!.Attributes!["gender"]);
    }

    [Fact]
    public void Telco_churn_as_customers_keeps_every_column_as_attribute()
    {
        var expected = TelcoRows();
        using var reading = OpenFile(TestPaths.Data("telco_churn", "Telco-Customer-Churn.csv"), UploadKind.Customers);
        var rows = reading.Customers().ToList();
        Assert.Equal(expected.Count, rows.Count(r => r.IsAccepted));
        Assert.Equal(expected[0][0], rows[0].Value!.CustomerId);
        Assert.Equal("Month-to-month", rows[0].Value!.Plan);
        Assert.Equal(expected.Count(r => r[19].Trim().Length == 0), rows.Count(r => !r.Value!.Attributes!.ContainsKey("TotalCharges")));
    }
}
