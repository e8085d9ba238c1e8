using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.Metrics;
using CustomerValue.Snapshots;
using CustomerValue.Value;

namespace CustomerValue.Tests.Snapshots;

/// <summary>CDNOW's 2,357-customer sample, snapshotted on days inside its range (1997-01-01 .. 1998-06-30).</summary>
public class CdnowAnyDayTests
{
    private static readonly Lazy<CustomerBase> Cdnow = new(() =>
    {
        var summaries = new Dictionary<string, CustomerPurchaseSummary>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(TestPaths.Data("cdnow", "CDNOW_sample.txt")))
        {
            var c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (c.Length < 5) continue;
            var id = c[0];
            var day = DateOnly.ParseExact(c[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            (summaries.TryGetValue(id, out var s) ? s : summaries[id] = new CustomerPurchaseSummary(id))
                .Add(new Transaction(id, day, decimal.Parse(c[4], CultureInfo.InvariantCulture)));
        }
        return new CustomerBase { Purchases = [.. summaries.Values] };
    });

    public static TheoryData<string> Days => ["1997-01-01", "1997-02-15", "1997-03-31", "1997-09-30", "1998-01-01", "1998-06-29", "1998-06-30"];

    [Theory]
    [MemberData(nameof(Days))]
    public void A_snapshot_at_a_day_inside_the_data_is_fitted_on_what_was_bought_by_then(string text)
    {
        var day = DateOnly.Parse(text, CultureInfo.InvariantCulture);
        var view = CustomerViewAssembler.Assemble(Cdnow.Value, day, new ValueOptions());

        var known = Cdnow.Value.Purchases.Count(p => p.FirstPurchase <= day);
        Assert.Equal(known, view.Customers.Count);
        Assert.All(view.Customers, c => Assert.True(c.LastPurchase <= day));
        Assert.True(view.DataThrough <= day);
        Assert.Equal(Cdnow.Value.Purchases.Where(p => p.FirstPurchase <= day).Sum(p => p.Through(day).NetRevenue), view.Customers.Sum(c => c.Revenue));
    }

    [Fact]
    public void A_snapshot_before_the_newest_transaction_fits_instead_of_failing_on_a_recency_after_the_calibration_end()
    {
        var view = CustomerViewAssembler.Assemble(Cdnow.Value, new DateOnly(1998, 1, 1), new ValueOptions());
        Assert.NotNull(view.Clv);
        Assert.All(view.Customers, c => Assert.NotNull(c.ProbabilityAlive));
    }
}
