using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Metrics;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>
/// Values are checked against what Azure Table Storage accepts when they are read: a row that could not be stored is
/// rejected with its line, column and reason, and the good rows around it are kept.
/// </summary>
public class StorableValueTests
{
    [Theory]
    [InlineData("1500-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("1600-12-31")]
    public void A_date_before_1601_is_rejected_naming_line_and_column(string date)
    {
        using var reading = Open($"customer_id,date,amount\nA,2024-01-01,5\nB,{date},7\nC,1601-01-01,9\n", kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].IsAccepted);
        Assert.True(rows[2].IsAccepted, rows[2].Rejection?.ToString());
        var rejection = rows[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal("date", rejection.Column);
        Assert.Contains("before 1601-01-01", rejection.Reason);
    }

    [Fact]
    public void The_latest_date_the_table_takes_is_accepted()
    {
        using var reading = Open("customer_id,date,amount\nA,9999-12-31,5\n", kind: UploadKind.Transactions);
        Assert.Equal(new DateOnly(9999, 12, 31), AllAccepted(reading.Transactions()).Single().Date);
    }

    [Fact]
    public void A_timestamp_that_falls_before_1601_in_utc_is_rejected()
    {
        using var reading = Open("customer_id,opened_at\nA,1601-01-01T00:30:00+01:00\nB,1601-01-01T02:00:00+01:00\n", kind: UploadKind.Tickets);
        var rows = reading.Tickets().ToList();
        Assert.False(rows[0].IsAccepted);
        Assert.True(rows[1].IsAccepted, rows[1].Rejection?.ToString());
    }

    [Theory]
    [InlineData("79000000000000000000000000000")]
    [InlineData("-79000000000000000000000000000")]
    [InlineData("1000000000000000.01")]
    [InlineData("(1.000.000.000.000.001)")]
    public void An_amount_beyond_1e15_is_rejected_naming_line_and_column(string amount)
    {
        var separator = amount.Contains('(') ? ';' : ',';
        using var reading = Open($"customer_id{separator}date{separator}amount\nA{separator}2024-01-01{separator}5\nA{separator}2024-01-02{separator}{amount}\n"
                                 + $"B{separator}2024-01-03{separator}1000000000000000\nC{separator}2024-01-03{separator}-1000000000000000\n", kind: UploadKind.Transactions);
        var rows = reading.Transactions().ToList();

        Assert.Equal([true, false, true, true], rows.Select(r => r.IsAccepted));
        var rejection = rows[1].Rejection!;
        Assert.Equal((3L, "amount"), (rejection.Line, rejection.Column));
        Assert.Contains("beyond 1,000,000,000,000,000", rejection.Reason);
        Assert.Equal(IngestionLimits.MaxAbsoluteAmount, rows[2].Value.Amount);
    }

    [Fact]
    public void Customers_each_holding_near_maximal_amounts_sum_over_the_base_without_overflow()
    {
        // Before the bound, two customers at 7.9e28 were each storable and their sum threw in the snapshot.
        var lines = string.Concat(Enumerable.Range(1, 1_000).Select(i => $"C{i},2024-01-01,79000000000000000000000000000\nC{i},2024-01-02,1000000000000000\n"));
        using var reading = Open("customer_id,date,amount\n" + lines, kind: UploadKind.Transactions);
        var buckets = Enumerable.Range(0, 4).Select(_ => new CustomerPurchaseAggregator()).ToArray();
        var rows = reading.Transactions().AddTo(buckets, reading.ColumnOf(ColumnRole.Amount)).ToList();

        Assert.Equal(1_000, rows.Count(r => !r.IsAccepted));
        var kpis = CustomerValue.Kpis.KpiCalculator.Calculate(buckets.SelectMany(b => b.Summaries)
            .Select(s => new CustomerValue.Kpis.CustomerTotals(s.CustomerId, s.Orders, s.GrossRevenue, s.Refunds, 1, null, null)), DateTimeOffset.UnixEpoch);
        Assert.Equal(1_000 * IngestionLimits.MaxAbsoluteAmount, kpis.GrossRevenue);
        Assert.Equal(IngestionLimits.MaxAbsoluteAmount, kpis.RevenuePerCustomer);
    }

    /// <summary>The guards behind the bound: totals built in code beyond it still refuse one customer, not the bucket.</summary>
    [Fact]
    public void Two_uploads_each_within_range_that_overflow_together_refuse_the_second_part_of_that_customer_only()
    {
        static CustomerPurchaseSummary Part(string id, decimal amount)
        {
            var part = new CustomerPurchaseSummary(id);
            part.Add(new Transaction(id, new DateOnly(2024, 1, 1), amount));
            return part;
        }
        var bucket = new CustomerPurchaseAggregator();

        Assert.True(bucket.TryMerge(Part("A", 79000000000000000000000000000m)));
        Assert.True(bucket.TryMerge(Part("B", 5m)));
        Assert.False(bucket.TryMerge(Part("A", 79000000000000000000000000000m)));
        Assert.True(bucket.TryMerge(Part("B", 7m)));
        Assert.True(bucket.TryMerge(Part("A", 1m)));

        Assert.Equal(79000000000000000000000000001m, bucket.Summaries.Single(s => s.CustomerId == "A").GrossRevenue);
        Assert.Equal(2, bucket.Summaries.Single(s => s.CustomerId == "A").Orders);
        Assert.Equal(12m, bucket.Summaries.Single(s => s.CustomerId == "B").GrossRevenue);
    }

    [Fact]
    public void Overflowing_refunds_are_rejected_too()
    {
        var summary = new CustomerPurchaseSummary("A");
        summary.Add(new Transaction("A", new DateOnly(2024, 1, 1), -decimal.MaxValue + 1));
        Assert.False(summary.CanAdd(new Transaction("A", new DateOnly(2024, 1, 2), -2m)));
        Assert.True(summary.CanAdd(new Transaction("A", new DateOnly(2024, 1, 2), -1m)));
        Assert.True(summary.CanAdd(new Transaction("A", new DateOnly(2024, 1, 2), decimal.MaxValue)));
    }

    [Theory]
    [InlineData('<', 6_000)]
    [InlineData('日', 6_000)]
    public void Text_is_stored_as_written_not_escaped_six_fold(char c, int count)
    {
        var comment = new string(c, count);
        using var reading = Open($"response_id,nps,comment\nr1,9,{comment}\n", kind: UploadKind.Surveys);
        var record = AllAccepted(reading.Records()).Single();
        var stored = StoredRows.Encode(record);
        Assert.Contains(comment, stored);
        Assert.True(stored.Length < count + 500, $"stored as {stored.Length} characters");
    }

    [Fact]
    public void A_row_too_long_as_stored_is_rejected_naming_its_longest_column_and_the_others_are_kept()
    {
        // 20,000 quotes become 40,000 characters as JSON (\"): under the cell limit as read, over the table's as stored.
        var quoted = "\"" + new string('"', 40_000) + "\"";
        using var reading = Open($"response_id,nps,comment\nr1,9,fine\nr2,3,{quoted}\nr3,10,also fine\n", kind: UploadKind.Surveys);
        var rows = reading.Records().ToList();
        Assert.Equal([true, false, true], rows.Select(r => r.IsAccepted));
        var rejection = rows[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal("comment", rejection.Column);
        Assert.Contains("as stored", rejection.Reason);
        Assert.Contains($"at most {TableLimits.MaxStringChars:N0}", rejection.Reason);
        Assert.True(rejection.RawValue!.Length < 300, "the rejected-rows file shows the start of the value, not all of it");
    }

    [Fact]
    public void Many_wide_columns_are_rejected_as_a_row_without_blaming_one_column()
    {
        var header = "customer_id," + string.Join(",", Enumerable.Range(1, 300).Select(i => $"extra{i}"));
        var wide = "c2," + string.Join(",", Enumerable.Range(1, 300).Select(_ => new string('x', 100)));
        using var reading = Open($"{header}\nc1,small\n{wide}\n", kind: UploadKind.Customers);
        var rows = reading.Records().ToList();
        Assert.True(rows[0].IsAccepted, rows[0].Rejection?.ToString());
        var rejection = rows[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Null(rejection.Column);
        Assert.Contains("301 values together", rejection.Reason);
    }

    [Fact]
    public void Every_accepted_row_fits_the_table_as_stored()
    {
        var big = new string('é', IngestionLimits.Default.MaxCellChars - 100);
        using var reading = Open($"customer_id,notes\nc1,{big}\n", kind: UploadKind.Customers);
        var record = AllAccepted(reading.Records()).Single();
        Assert.InRange(StoredRows.Encode(record).Length, big.Length, TableLimits.MaxStringChars);
    }
}
