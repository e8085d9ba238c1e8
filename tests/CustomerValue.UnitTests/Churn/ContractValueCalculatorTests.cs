using System.Globalization;
using CustomerValue.Churn;
using CustomerValue.Models;
using MathNet.Numerics;
using Xunit.Abstractions;

namespace CustomerValue.Tests.Churn;

/// <summary>
/// Contract customers' P(churn), discounted expected residual lifetime and CLV from sBG fits per cohort: the Fader &amp;
/// Hardie (2007) cohorts given as individual customers, closed forms against direct sums, and the IBM telco table
/// (tenure in months, contract type as the cohort, MonthlyCharges as the recurring value).
/// </summary>
public class ContractValueCalculatorTests(ITestOutputHelper output)
{
    // % of the cohort still active after t = 0..7 periods (published; out of 1,000 customers).
    private static readonly int[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241];
    private static readonly int[] HighEnd = [1000, 869, 743, 653, 593, 551, 517, 491];

    /// <summary>The cohort as 1,000 customers: the decrease at t cancelled after t periods, the rest active after 7.</summary>
    private static IEnumerable<ContractCustomer> Customers(string cohort, int[] active, decimal value = 10m)
    {
        var id = 0;
        for (var t = 1; t < active.Length; t++)
            for (var i = 0; i < active[t - 1] - active[t]; i++) yield return new ContractCustomer($"{cohort}-{id++}", cohort, t, true, value);
        for (var i = 0; i < active[^1]; i++) yield return new ContractCustomer($"{cohort}-{id++}", cohort, active.Length - 1, false, value);
    }

    [Fact]
    public void The_published_cohorts_given_as_customers_give_the_published_alpha_and_beta()
    {
        var result = ContractValueCalculator.Calculate(Customers("regular", Regular).Concat(Customers("high end", HighEnd)));
        var regular = result.Cohorts.Single(c => c.Cohort == "regular");
        var highEnd = result.Cohorts.Single(c => c.Cohort == "high end");
        Assert.False(regular.Pooled || highEnd.Pooled);
        Assert.Equal(0.704, regular.Parameters.Alpha, 0.0005);
        Assert.Equal(1.182, regular.Parameters.Beta, 0.0005);
        Assert.Equal(0.668, highEnd.Parameters.Alpha, 0.0005);
        Assert.Equal(3.806, highEnd.Parameters.Beta, 0.0005);
        // The same likelihood as the cohort-count fit.
        Assert.Equal(ShiftedBetaGeometricModel.Fit(Regular.Select(n => (double)n).ToArray()).LogLikelihood, regular.LogLikelihood, 6);
        Assert.Equal(1000, regular.Customers);
        Assert.Equal(759, regular.Cancelled);
    }

    [Theory]
    [InlineData(0.704, 1.182, 0, 0.10)]
    [InlineData(0.704, 1.182, 7, 0.10)]
    [InlineData(0.668, 3.806, 3, 0.01)]
    [InlineData(2.5, 40.0, 24, 0.008)]
    public void Derl_closed_form_is_the_discounted_sum_of_survival_beyond_the_renewals_made(double alpha, double beta, int renewals, double rate)
    {
        var model = new ShiftedBetaGeometricParameters(alpha, beta);
        // sum over k >= 0 of S(n+1+k)/S(n) / (1+d)^k with S from the beta functions, until the terms vanish.
        double LogS(int t) => SpecialFunctions.BetaLn(alpha, beta + t) - SpecialFunctions.BetaLn(alpha, beta);
        double sum = 0;
        for (var k = 0; k < 20_000; k++) sum += Math.Exp(LogS(renewals + 1 + k) - LogS(renewals) - k * Math.Log(1 + rate));
        Assert.Equal(sum, model.DiscountedExpectedResidualLifetime(renewals, rate), 6);
        // And P(churn at the next renewal) is the share of S(n) lost at renewal n+1.
        Assert.Equal(1 - Math.Exp(LogS(renewals + 1) - LogS(renewals)), model.NextRenewalChurnProbability(renewals), 12);
    }

    [Fact]
    public void Clv_is_derl_times_the_recurring_value_and_the_margin_and_a_cancelled_customer_is_worth_nothing()
    {
        var options = new ContractValueOptions { DiscountRate = 0.01, Margin = 0.4 };
        var cohort = new ShiftedBetaGeometricParameters(0.704, 1.182);
        var active = ContractValueCalculator.Value(new ContractCustomer("a", "regular", 3, false, 50m), cohort, options);
        Assert.Equal(cohort.DiscountedExpectedResidualLifetime(3, 0.01), active.ExpectedRemainingPeriods, 12);
        Assert.Equal(50m * (decimal)(active.ExpectedRemainingPeriods * 0.4), active.Clv);
        Assert.Equal(0.704 / (0.704 + 1.182 + 3), active.ProbabilityChurnNextPeriod, 12);
        var gone = ContractValueCalculator.Value(new ContractCustomer("b", "regular", 3, true, 50m), cohort, options);
        Assert.Equal((1.0, 0.0, 0m), (gone.ProbabilityChurnNextPeriod, gone.ExpectedRemainingPeriods, gone.Clv));
    }

    [Fact]
    public void A_longer_tenure_lowers_churn_and_raises_the_remaining_lifetime()
    {
        var model = new ShiftedBetaGeometricParameters(0.704, 1.182);
        for (var n = 0; n < 24; n++)
        {
            Assert.True(model.NextRenewalChurnProbability(n + 1) < model.NextRenewalChurnProbability(n));
            Assert.True(model.DiscountedExpectedResidualLifetime(n + 1, 0.01) > model.DiscountedExpectedResidualLifetime(n, 0.01));
        }
    }

    [Fact]
    public void A_cohort_too_small_to_fit_is_valued_with_the_pooled_fit_and_says_so()
    {
        var few = Enumerable.Range(0, 8).Select(i => new ContractCustomer($"s{i}", "starter", i, i % 2 == 0, 5m));
        var result = ContractValueCalculator.Calculate(Customers("regular", Regular).Concat(few));
        var starter = result.Cohorts.Single(c => c.Cohort == "starter");
        Assert.True(starter.Pooled);
        Assert.Contains(result.Warnings, w => w.StartsWith("cohort 'starter': valued with the fit of all contracts pooled (8 customers and 4 cancellations", StringComparison.Ordinal));
        var pooled = ShiftedBetaGeometricModel.Fit(SurvivalCounts.From(Customers("regular", Regular).Concat(few).Select(c => (c.CompletedPeriods, c.Churned)))).Parameters;
        Assert.Equal(pooled, starter.Parameters);
    }

    [Fact]
    public void Negative_periods_are_refused_naming_the_customer()
    {
        var error = Assert.Throws<ArgumentException>(() => ContractValueCalculator.Calculate([new ContractCustomer("x-1", "p", -1, false, 1m)]));
        Assert.Contains("customer x-1", error.Message);
    }

    /// <summary>The telco table read with a plain split: contract type, tenure in months, churned, monthly charges.</summary>
    private static List<ContractCustomer> Telco() => File.ReadLines(TestPaths.Data("telco_churn", "Telco-Customer-Churn.csv")).Skip(1)
        .Where(l => l.Length > 0).Select(l => l.Split(','))
        .Select(f => new ContractCustomer(f[0], f[15], int.Parse(f[5], CultureInfo.InvariantCulture), f[20] == "Yes", decimal.Parse(f[18], CultureInfo.InvariantCulture)))
        .ToList();

    [Fact]
    public void Telco_month_to_month_customers_churn_far_more_than_two_year_contracts_and_are_worth_less_per_dollar()
    {
        var customers = Telco();
        Assert.Equal(7043, customers.Count);
        var result = ContractValueCalculator.Calculate(customers);
        foreach (var c in result.Cohorts)
            output.WriteLine(FormattableString.Invariant(
                $"{c.Cohort}: {c.Customers} customers, {c.Cancelled} cancelled, alpha {c.Parameters.Alpha:G6}, beta {c.Parameters.Beta:G6}, LL {c.LogLikelihood:F2}, P(churn | 1 month) {c.Parameters.NextRenewalChurnProbability(1):P2}, P(churn | 24 months) {c.Parameters.NextRenewalChurnProbability(24):P2} {string.Join("; ", c.Warnings)}"));
        Assert.Equal(["Month-to-month", "One year", "Two year"], result.Cohorts.Select(c => c.Cohort));
        Assert.All(result.Cohorts, c => Assert.False(c.Pooled));
        // Churn of the two-year contracts does not fall with tenure in this table: the fit says it is a constant rate.
        var twoYearFit = result.Cohorts.Single(c => c.Cohort == "Two year");
        Assert.Contains(twoYearFit.Warnings, w => w.StartsWith("sBG: churn shows no variation between customers of this cohort", StringComparison.Ordinal));

        double MeanChurn(string cohort) => result.Customers.Where(v => v.Cohort == cohort && !v.Churned).Average(v => v.ProbabilityChurnNextPeriod);
        double MeanRemaining(string cohort) => result.Customers.Where(v => v.Cohort == cohort && !v.Churned).Average(v => v.ExpectedRemainingPeriods);
        var monthly = MeanChurn("Month-to-month");
        var twoYear = MeanChurn("Two year");
        output.WriteLine(FormattableString.Invariant($"mean P(churn next month) of active customers: month-to-month {monthly:P3}, one year {MeanChurn("One year"):P3}, two year {twoYear:P3}"));
        output.WriteLine(FormattableString.Invariant($"mean DERL (months, 10 %/year): month-to-month {MeanRemaining("Month-to-month"):F1}, one year {MeanRemaining("One year"):F1}, two year {MeanRemaining("Two year"):F1}"));
        Assert.True(monthly > 10 * twoYear, $"month-to-month {monthly:P3} is not far above two-year {twoYear:P3}");
        Assert.True(MeanChurn("One year") > twoYear && MeanChurn("One year") < monthly);
        Assert.True(MeanRemaining("Two year") > MeanRemaining("Month-to-month"));
        // Cancelled customers carry no value; every active one carries some.
        Assert.All(result.Customers, v => Assert.True(v.Churned ? v.Clv == 0 : v.Clv > 0, v.CustomerId));

        // The cohort's likelihood, recomputed from the raw rows with the beta-function forms of P(T = t) and S(t).
        var m2m = result.Cohorts.Single(c => c.Cohort == "Month-to-month").Parameters;
        var ll = customers.Where(c => c.Cohort == "Month-to-month").Sum(c => c.Churned
            ? Math.Log(m2m.ChurnProbability(Math.Max(1, c.CompletedPeriods)))
            : Math.Log(m2m.Survival(c.CompletedPeriods)));
        Assert.Equal(ll, result.Cohorts.Single(c => c.Cohort == "Month-to-month").LogLikelihood, 6);
    }
}
