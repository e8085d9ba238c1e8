using CustomerValue.Churn;
using CustomerValue.Domain;

namespace CustomerValue.Tests.Churn;

/// <summary>
/// One hand-made book of subscriptions, as of 2024-03-31. Monthly values unless noted.
///   A  100  2024-01-01 .. ongoing                        retained
///   B   50  2024-01-15 .. 2024-03-10                     lost in March
///   C   40  2024-02-01 .. ongoing, + 30 from 2024-03-15   expansion 40 -> 70
///   D   80  2024-02-10 .. 2024-03-05, then 20 from 03-06  contraction 80 -> 20
///   E   10  2024-03-05 .. 2024-03-20                     joined and left inside March
///   F   60  2024-03-10 .. ongoing                        new in March
///   G   25  2023-12-01 .. 2024-02-20                     gone before March
///   H 1200/yr (MRR 100) from 2023-06-01, cancelled 2024-03-02 (no end given: the cancellation day is the last day)
///   J   15  2024-01-01 .. 2024-02-29                     last day Feb 29: in the calendar-month base, not the 30-day one
/// </summary>
public class SubscriptionChurnTests
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);

    private static readonly Subscription[] Book =
    [
        new("A", new(2024, 1, 1), null, null, 100m),
        new("B", new(2024, 1, 15), new(2024, 3, 10), new(2024, 2, 25), 50m),
        new("C", new(2024, 2, 1), null, null, 40m),
        new("C", new(2024, 3, 15), null, null, 30m),
        new("D", new(2024, 2, 10), new(2024, 3, 5), null, 80m),
        new("D", new(2024, 3, 6), null, null, 20m),
        new("E", new(2024, 3, 5), new(2024, 3, 20), null, 10m),
        new("F", new(2024, 3, 10), null, null, 60m),
        new("G", new(2023, 12, 1), new(2024, 2, 20), null, 25m),
        new("H", new(2023, 6, 1), null, new(2024, 3, 2), 1200m, BillingPeriod.Yearly),
        new("J", new(2024, 1, 1), new(2024, 2, 29), null, 15m),
    ];

    [Fact]
    public void Baremetrics_30_day_churn_counts_joiners_who_left()
    {
        // Base = active on 2024-03-01 (31 March - 30 days): A, B, C, D, H = 5 (J's last day was Feb 29, G's Feb 20).
        // Lost by 03-31: B, H = 2; E joined and left inside the window = 1. (2 + 1) / 5 = 0.6.
        var churn = SubscriptionChurnCalculator.CustomerChurn(Book, AsOf, ChurnDefinition.Baremetrics);
        Assert.Equal(0.6, churn.Value!.Value, 12);
        Assert.Equal((3m, 5m), (churn.Numerator, churn.Denominator));
        Assert.Contains("2024-03-01", churn.Definition);
        Assert.Contains("are counted", churn.Definition);
    }

    [Fact]
    public void Thirty_day_churn_without_same_window_joiners()
    {
        // As above without E: 2 / 5 = 0.4.
        var churn = SubscriptionChurnCalculator.CustomerChurn(Book, AsOf, new ChurnDefinition(ChurnWindow.Trailing30Days, CountStartAndCancelInWindow: false));
        Assert.Equal(0.4, churn.Value!.Value, 12);
        Assert.Contains("ignored", churn.Definition);
    }

    [Fact]
    public void ProfitWell_calendar_month_churn_ignores_same_month_joiners()
    {
        // Base = active on 2024-02-29: A, B, C, D, H, J = 6. Lost by 03-31: B, H, J = 3. E ignored. 3 / 6 = 0.5.
        var churn = SubscriptionChurnCalculator.CustomerChurn(Book, AsOf, ChurnDefinition.ProfitWell);
        Assert.Equal(0.5, churn.Value!.Value, 12);
        Assert.Equal((3m, 6m), (churn.Numerator, churn.Denominator));
        Assert.Contains("calendar month", churn.Definition);
    }

    [Fact]
    public void Calendar_month_churn_counting_same_month_joiners()
    {
        // (B, H, J + E) / 6 = 4 / 6.
        var churn = SubscriptionChurnCalculator.CustomerChurn(Book, AsOf, new ChurnDefinition(ChurnWindow.CalendarMonth, CountStartAndCancelInWindow: true));
        Assert.Equal(4.0 / 6.0, churn.Value!.Value, 12);
    }

    [Fact]
    public void Retention_is_base_customers_still_active()
    {
        // 30-day base A, B, C, D, H; still active on 03-31: A, C, D = 3 / 5. New customers (E, F) are not counted.
        var retention = SubscriptionChurnCalculator.CustomerRetention(Book, AsOf, ChurnDefinition.Baremetrics);
        Assert.Equal(0.6, retention.Value!.Value, 12);
        Assert.Contains("new customers are not counted", retention.Definition);
    }

    [Fact]
    public void Revenue_churn_and_net_revenue_retention()
    {
        // Base MRR on 03-01: A 100 + B 50 + C 40 + D 80 + H 1200/12 = 100 -> 370.
        // On 03-31: A 100, B 0, C 40 + 30 = 70, D 20, H 0 -> 190.
        // Cancelled: B 50 + H 100 = 150; contraction D 80 - 20 = 60; expansion C 30. F's new 60 is not counted.
        var r = SubscriptionChurnCalculator.RevenueChurn(Book, AsOf, ChurnDefinition.Baremetrics);
        Assert.Equal((370m, 150m, 60m, 30m, 190m), (r.StartMrr, r.ChurnedMrr, r.ContractionMrr, r.ExpansionMrr, r.EndMrrOfStartCustomers));
        Assert.Equal(210.0 / 370.0, r.GrossRevenueChurn.Value!.Value, 12); // (150 + 60) / 370
        Assert.Equal(180.0 / 370.0, r.NetRevenueChurn.Value!.Value, 12);   // (150 + 60 - 30) / 370
        Assert.Equal(190.0 / 370.0, r.NetRevenueRetention.Value!.Value, 12); // 190 / 370
        Assert.Contains("net revenue retention", r.NetRevenueRetention.Definition);
    }

    [Fact]
    public void Empty_base_gives_no_rate_and_says_so()
    {
        var churn = SubscriptionChurnCalculator.CustomerChurn([], AsOf, ChurnDefinition.Baremetrics);
        Assert.Null(churn.Value);
        Assert.Contains("undefined", churn.Definition);
    }

    [Fact]
    public void Cohort_matrix_by_signup_month()
    {
        var matrix = CohortRetention.ByMonth(Book, AsOf);
        Assert.Equal(["2023-06", "2023-12", "2024-01", "2024-02", "2024-03"], matrix.Rows.Select(r => r.Label));
        // 2023-06 (H): active at every month end Jun..Feb (9 ends), gone by Mar 31 (last day Mar 2).
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], matrix.Rows[0].Active);
        // 2023-12 (G): Dec 31 and Jan 31 active, Feb 29 gone (ended Feb 20).
        Assert.Equal([1, 1, 0, 0], matrix.Rows[1].Active);
        // 2024-01 (A, B, J): Jan 31: 3; Feb 29: 3 (J's last day); Mar 31: A only -> 1/3.
        var january = matrix.Rows[2];
        Assert.Equal(3, january.Size);
        Assert.Equal([3, 3, 1], january.Active);
        Assert.Equal(1.0 / 3.0, january.Retention[2], 12);
        // 2024-03 (E, F): Mar 31: F only.
        Assert.Equal((2, 1), (matrix.Rows[4].Size, matrix.Rows[4].Active[0]));
        Assert.Contains("first subscription start", matrix.Definition);
    }
}
