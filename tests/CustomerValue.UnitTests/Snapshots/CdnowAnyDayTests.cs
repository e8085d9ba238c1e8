using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.Metrics;
using CustomerValue.Models;
using CustomerValue.Snapshots;
using CustomerValue.Value;
using CustomerValue.Segments;
using Xunit.Abstractions;

namespace CustomerValue.Tests.Snapshots;

/// <summary>CDNOW's 2,357-customer sample, snapshotted on days inside its range (1997-01-01 .. 1998-06-30).</summary>
public class CdnowAnyDayTests(ITestOutputHelper output)
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

    /// <summary>Customers whose only purchase day fell in the first quarter of 1997.</summary>
    private static List<CustomerView> OneTimeBuyersOfFirstQuarter1997(AssembledCustomers view) =>
        view.Customers.Where(c => c.PurchaseDays == 1 && c.FirstPurchase < new DateOnly(1997, 4, 1)).ToList();

    [Fact]
    public void By_default_the_model_is_chosen_on_a_holdout_and_does_not_call_every_one_time_buyer_alive()
    {
        var view = CustomerViewAssembler.Assemble(Cdnow.Value, new DateOnly(1998, 6, 30), new ValueOptions());

        output.WriteLine(view.ClvModelStatement);
        Assert.NotNull(view.ClvModel);
        Assert.NotEqual("bgnbd", view.ClvModel);
        Assert.StartsWith($"Repeat-purchase model: {view.ClvModel}, chosen by the lowest mean absolute error", view.ClvModelStatement);
        Assert.Contains("judged on", view.ClvModelStatement, StringComparison.Ordinal);
        Assert.Equal(view.ClvModel, view.Clv!.Purchases.Model.Name);
        var oneTime = OneTimeBuyersOfFirstQuarter1997(view);
        Assert.True(oneTime.Count > 1000, $"{oneTime.Count} one-time buyers");
        Assert.Contains(oneTime, c => c.ProbabilityAlive < 1);
        Assert.Contains(oneTime, c => c.Churned == true);
        Assert.All(oneTime, c => Assert.Equal(1 - c.ProbabilityAlive!.Value, c.ChurnProbability!.Value, 12));
    }

    [Fact]
    public void The_setting_names_the_model_and_bg_nbd_calls_every_one_time_buyer_alive()
    {
        var view = CustomerViewAssembler.Assemble(Cdnow.Value, new DateOnly(1998, 6, 30), new ValueOptions { RepeatPurchaseModel = "bgnbd" });

        Assert.Equal("bgnbd", view.ClvModel);
        Assert.Equal("Repeat-purchase model: bgnbd, set by Value:RepeatPurchaseModel.", view.ClvModelStatement);
        Assert.All(OneTimeBuyersOfFirstQuarter1997(view), c => Assert.Equal(1, c.ProbabilityAlive!.Value, 12));
    }

    [Fact]
    public void Too_little_history_to_judge_falls_back_to_the_modified_bg_nbd_and_says_why()
    {
        var view = CustomerViewAssembler.Assemble(Cdnow.Value, new DateOnly(1997, 1, 2), new ValueOptions());

        Assert.Equal("mbgnbd", view.ClvModel);
        Assert.StartsWith("Repeat-purchase model: mbgnbd, the default, because the holdout could not judge the models (", view.ClvModelStatement);
    }

    [Fact]
    public void Where_dropout_rates_do_not_differ_between_customers_pareto_nbd_is_still_fitted_and_judged()
    {
        // Fitted on purchases up to 1997-05-17, s and beta run off together (one dropout rate for all); the 2F1 series
        // then needs millions of terms. The fit stops at the bound, converges, and says a parameter ran to the edge.
        var calibrationEnd = new DateOnly(1997, 5, 17);
        var observations = Cdnow.Value.Purchases.Select(p => p.Through(calibrationEnd)).Where(p => p.PurchaseDays > 0)
            .Select(p => CustomerValueModel.Observe(p, calibrationEnd)).ToList();
        var fit = ParetoNbdModel.Fit(observations);

        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.All(fit.Parameters.NamedParameters.Values, v => Assert.InRange(v, 0, ParetoNbdModel.MaximumParameter));
        Assert.Contains(fit.Warnings, w => w.Contains("edge of its range", StringComparison.Ordinal));

        var decision = ClvModelChooser.Decide(Cdnow.Value.Purchases, new DateOnly(1997, 9, 30), new ValueOptions());
        output.WriteLine(decision.Statement);
        Assert.Contains("paretonbd: mean absolute error", decision.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain("not fitted", decision.Statement, StringComparison.Ordinal);
    }
}
