using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.Models;
using Xunit.Abstractions;

namespace CustomerValue.Tests.Models;

/// <summary>
/// Model choice by holdout fit on CDNOW: calibration to 1997-09-30 (weeks 1-39), holdout to 1998-06-30 (weeks 40-78),
/// as in Fader, Hardie &amp; Lee (2005). The figures are checked against a second computation made here from the
/// published per-customer summary and holdout counts taken from the transaction file by plain string splitting.
/// </summary>
public class RepeatPurchaseModelSelectionTests(ITestOutputHelper output)
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    /// <summary>CDNOW_sample.txt lines (master id, sample id, yyyyMMdd, quantity, amount), keyed by the sample id without its zero padding, as in the summaries.</summary>
    private static readonly Lazy<List<Transaction>> Sample = new(() => File.ReadLines(CdnowData.SamplePath)
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 5)
        .Select(f => new Transaction(int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture)))
        .ToList());

    private static readonly Lazy<RepeatPurchaseModelChoice> CdnowChoice = new(() =>
        RepeatPurchaseModelSelection.Choose(Sample.Value, CalibrationEnd, HoldoutEnd, daysPerTimeUnit: 7));

    /// <summary>Purchase days per sample id in the holdout, counted from the raw lines.</summary>
    private static Dictionary<string, int> HoldoutDays() => Sample.Value
        .Where(t => t.Date > CalibrationEnd && t.Date <= HoldoutEnd)
        .Select(t => (t.CustomerId, t.Date)).Distinct()
        .GroupBy(d => d.CustomerId).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Split_is_the_published_one_and_counts_the_holdout_purchases_of_the_cohort()
    {
        var split = CdnowChoice.Value.Split;
        Assert.Equal(2357, split.Customers);
        Assert.Equal(39, split.HoldoutLength, 9);
        Assert.Equal(HoldoutDays().Values.Sum(), split.HoldoutPurchases);
        Assert.Equal(CalibrationEnd, split.CalibrationEnd);
    }

    [Fact]
    public void Every_model_is_scored_and_the_errors_agree_with_a_computation_from_the_published_summary()
    {
        var choice = CdnowChoice.Value;
        var holdout = HoldoutDays();
        var actualTotal = holdout.Values.Sum();
        Assert.Equal(RepeatPurchaseModels.All.Count, choice.Scores.Count);
        var independentErrors = new Dictionary<RepeatPurchaseModelKind, double>();
        foreach (var score in choice.Scores)
        {
            Assert.Null(score.NotFitted);
            // Second computation: the model fitted on the published summary (t_x and T rounded to 2 decimals), its
            // predictions for the same 39 weeks against the holdout counted above.
            var fit = RepeatPurchaseModels.Fit(score.Kind, RfmGroups.From(CdnowData.Customers));
            var predictions = CdnowData.Customers.Select(c => (Predicted: fit.Model.ConditionalExpectedPurchases(39, c.Frequency, c.Recency, c.Age),
                Actual: holdout.GetValueOrDefault(c.CustomerId))).ToList();
            var mae = predictions.Average(p => Math.Abs(p.Predicted - p.Actual));
            var total = predictions.Sum(p => p.Predicted);
            output.WriteLine(FormattableString.Invariant(
                $"{score.Name}: MAE {score.MeanAbsoluteError:F5} (summary {mae:F5}), predicted {score.PredictedPurchases:F1} (summary {total:F1}), actual {actualTotal}, aggregate error {score.AggregateError:P2}"));
            Assert.Equal(mae, score.MeanAbsoluteError!.Value, 0.002);
            independentErrors[score.Kind] = mae;
            Assert.Equal(total, score.PredictedPurchases!.Value, total * 0.005);
            Assert.Equal((score.PredictedPurchases!.Value - actualTotal) / actualTotal, score.AggregateError!.Value, 12);
        }
        output.WriteLine(choice.Statement);
        // The second computation ranks the models too; its best is clear of the runner-up by more than the tolerance.
        var ranked = independentErrors.OrderBy(e => e.Value).ToList();
        Assert.True(ranked[1].Value - ranked[0].Value > 2 * 0.002, $"the two best are too close to call: {ranked[0]} and {ranked[1]}");
        Assert.Equal(ranked[0].Key, choice.Chosen);
    }

    [Fact]
    public void The_chosen_model_has_the_lowest_mean_absolute_error_and_the_statement_names_it_with_the_split()
    {
        var choice = CdnowChoice.Value;
        var best = choice.Scores.Min(s => s.MeanAbsoluteError!.Value);
        Assert.Equal(best, choice.ChosenScore.MeanAbsoluteError);
        Assert.StartsWith($"Repeat-purchase model: {choice.ChosenName}, chosen by the lowest mean absolute error", choice.Statement);
        Assert.Contains("up to 1997-09-30", choice.Statement);
        Assert.Contains($"judged on {choice.Split.HoldoutPurchases} repeat purchases of 2357 customers from 1997-10-01 to 1998-06-30", choice.Statement);
        foreach (var s in choice.Scores) Assert.Contains($"{s.Name}: mean absolute error", choice.Statement);
    }

    [Fact]
    public void Halfway_split_of_cdnow_is_the_published_calibration_period()
    {
        var choice = RepeatPurchaseModelSelection.ChooseHalfway(Sample.Value, HoldoutEnd, 7, candidates: [RepeatPurchaseModelKind.BgNbd]);
        // 1997-01-01 .. 1998-06-30 is 545 days; half of it ends on 1997-09-30.
        Assert.Equal(CalibrationEnd, choice.Split.CalibrationEnd);
        Assert.Equal(CdnowChoice.Value.Split, choice.Split);
    }

    [Fact]
    public void Transactions_after_the_holdout_end_change_nothing()
    {
        var later = Sample.Value.Concat([new Transaction("1", new DateOnly(1998, 7, 1), 10m), new Transaction("99999", new DateOnly(1999, 1, 1), 5m)]);
        var choice = RepeatPurchaseModelSelection.Choose(later, CalibrationEnd, HoldoutEnd, 7, candidates: [RepeatPurchaseModelKind.BgNbd]);
        Assert.Equal(CdnowChoice.Value.Split, choice.Split);
        Assert.Equal(CdnowChoice.Value.Scores.Single(s => s.Kind == RepeatPurchaseModelKind.BgNbd).MeanAbsoluteError, choice.ChosenScore.MeanAbsoluteError);
    }

    [Fact]
    public void A_model_that_cannot_be_fitted_is_reported_and_the_others_still_compete()
    {
        // Two repeat buyers: no model can be fitted with the default minimum of 10, so the choice fails with every reason;
        // with the minimum lowered to 2 the candidates are fitted and one is chosen.
        var lines = new List<Transaction>();
        for (var i = 0; i < 30; i++) lines.Add(new Transaction($"c{i}", new DateOnly(2024, 1, 1).AddDays(i), 10m));
        lines.Add(new Transaction("c0", new DateOnly(2024, 3, 1), 10m));
        lines.Add(new Transaction("c1", new DateOnly(2024, 3, 5), 10m));
        lines.Add(new Transaction("c0", new DateOnly(2024, 6, 1), 10m));
        var error = Assert.Throws<ModelFitException>(() => RepeatPurchaseModelSelection.Choose(lines, new DateOnly(2024, 4, 30), new DateOnly(2024, 8, 31), 7));
        Assert.Contains("bgnbd: BG/NBD needs at least 10", error.Message);
        Assert.Contains("paretonbd: Pareto/NBD needs at least 10", error.Message);
    }

    [Fact]
    public void A_holdout_ending_before_the_calibration_end_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RepeatPurchaseModelSelection.Choose(Sample.Value, HoldoutEnd, CalibrationEnd, 7));
        Assert.Contains("the holdout must end after the calibration end", error.Message);
    }
}
