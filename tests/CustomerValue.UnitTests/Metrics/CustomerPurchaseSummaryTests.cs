using CsCheck;
using CustomerValue.Domain;
using CustomerValue.Metrics;

namespace CustomerValue.Tests.Metrics;

public class CustomerPurchaseSummaryTests
{
    private static Transaction T(string day, decimal amount) => new("c1", DateOnly.Parse(day), amount);

    [Fact]
    public void Refunds_reduce_net_revenue_but_are_not_orders()
    {
        var s = new CustomerPurchaseSummary("c1");
        s.Add(T("2024-01-01", 100m));
        s.Add(T("2024-01-05", -30m));
        Assert.Equal(1, s.Orders);
        Assert.Equal(100m, s.GrossRevenue);
        Assert.Equal(30m, s.Refunds);
        Assert.Equal(70m, s.NetRevenue);
    }

    [Fact]
    public void Two_lines_on_one_day_are_one_purchase_day_and_merging_partials_equals_one_pass()
    {
        var lines = new[] { T("2024-01-01", 10m), T("2024-01-01", 5m), T("2024-02-01", 20m), T("2024-03-01", 40m) };
        var whole = new CustomerPurchaseSummary("c1");
        foreach (var l in lines) whole.Add(l);
        var a = new CustomerPurchaseSummary("c1");
        var b = new CustomerPurchaseSummary("c1");
        a.Add(lines[0]); a.Add(lines[2]);
        b.Add(lines[1]); b.Add(lines[3]);
        a.Merge(b);

        Assert.Equal(3, whole.PurchaseDays);
        Assert.Equal(whole.Orders, a.Orders);
        Assert.Equal(whole.GrossRevenue, a.GrossRevenue);
        Assert.Equal(whole.Days, a.Days);
        var repeat = a.ToRepeatSummary(new DateOnly(2024, 3, 31));
        Assert.Equal(2, repeat.Frequency);
        Assert.Equal(60, repeat.RecencyDays);   // Jan 1 -> Mar 1, 2024 is a leap year
        Assert.Equal(90, repeat.AgeDays);
        Assert.Equal(30m, repeat.MeanRepeatSpend);
    }

    [Fact]
    public void Days_in_any_order_sum_per_day_and_come_out_in_day_order()
    {
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 500]).Array[0, 60].Sample(lines =>
        {
            var s = new CustomerPurchaseSummary("c1");
            foreach (var (day, cents) in lines) s.Add(new Transaction("c1", new DateOnly(2024, 1, 1).AddDays(day), cents / 100m));
            var expected = lines.GroupBy(l => new DateOnly(2024, 1, 1).AddDays(l.Item1).DayNumber)
                .OrderBy(g => g.Key).Select(g => new PurchaseDay(g.Key, g.Count(), g.Sum(l => l.Item2) / 100m)).ToList();
            Assert.Equal(expected, s.Days);
            Assert.Equal(expected.Count, s.PurchaseDays);
            if (expected.Count > 0) Assert.Equal(DateOnly.FromDayNumber(expected[^1].Day), s.LastPurchase);
        });
    }

    [Fact]
    public void Subtracting_a_merged_contribution_gives_back_the_summary_exactly_and_keeps_days_another_part_bought_on()
    {
        Gen.Select(Gen.Select(Gen.Int[0, 20], Gen.Int[-300, 900]).Array[0, 30], Gen.Select(Gen.Int[0, 20], Gen.Int[0, 900]).Array[0, 30]).Sample((kept, taken) =>
        {
            CustomerPurchaseSummary Of((int Day, int Cents)[] lines)
            {
                var s = new CustomerPurchaseSummary("c1");
                foreach (var (day, cents) in lines) s.Add(new Transaction("c1", new DateOnly(2024, 1, 1).AddDays(day), cents / 100m));
                return s;
            }
            var total = Of(kept);
            total.Merge(Of(taken));
            total.Subtract(Of(taken));

            var expected = Of(kept);
            Assert.Equal(expected.Days, total.Days);
            Assert.Equal((expected.Lines, expected.Orders, expected.GrossRevenue, expected.Refunds),
                (total.Lines, total.Orders, total.GrossRevenue, total.Refunds));
            Assert.Equal(expected.Lines == 0, total.IsEmpty);
        });
    }

    [Fact]
    public void A_free_item_keeps_its_day_a_purchase_day_after_another_upload_on_that_day_is_subtracted()
    {
        var free = new CustomerPurchaseSummary("c1");
        free.Add(T("2024-01-01", 0m));
        var paid = new CustomerPurchaseSummary("c1");
        paid.Add(T("2024-01-01", 12.5m));
        var total = CustomerPurchaseSummary.Restore("c1", 0, [], []);
        total.Merge(free);
        total.Merge(paid);
        total.Subtract(paid);
        Assert.Equal(1, total.PurchaseDays);
        Assert.Equal([new PurchaseDay(new DateOnly(2024, 1, 1).DayNumber, 1, 0m)], total.Days);
        Assert.Throws<InvalidOperationException>(() => total.Subtract(paid));
    }
}

public class CustomerPurchaseSummaryFormatTests
{
    [Fact]
    public void The_binary_form_reads_back_every_day_and_refund_and_a_cut_keeps_only_the_days_up_to_it()
    {
        var s = new CustomerPurchaseSummary("c1");
        s.Add(new Transaction("c1", new DateOnly(2024, 1, 1), 10m));
        s.Add(new Transaction("c1", new DateOnly(2024, 1, 1), 5m));
        s.Add(new Transaction("c1", new DateOnly(2024, 2, 1), -3m));
        s.Add(new Transaction("c1", new DateOnly(2024, 3, 1), 20m));
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) s.WriteTo(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var back = CustomerPurchaseSummary.ReadFrom(reader);
        Assert.Equal(s.Days, back.Days);
        Assert.Equal(s.RefundsByDay, back.RefundsByDay);
        Assert.Equal((s.Lines, s.Orders, s.GrossRevenue, s.Refunds), (back.Lines, back.Orders, back.GrossRevenue, back.Refunds));

        var cut = s.Through(new DateOnly(2024, 2, 1));
        Assert.Equal((2, 15m, 3m, 1), (cut.Orders, cut.GrossRevenue, cut.Refunds, cut.PurchaseDays));
        Assert.Same(s, s.Through(new DateOnly(2024, 3, 1)));
    }
}
