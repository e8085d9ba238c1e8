using System.Globalization;
using CustomerValue.Domain;

namespace CustomerValue.Models;

/// <summary>
/// Where a purchase history was split to judge the models: fitted on purchases up to <see cref="CalibrationEnd"/>,
/// judged on the repeat purchases in (<see cref="CalibrationEnd"/>, <see cref="HoldoutEnd"/>] of the
/// <see cref="Customers"/> customers who had bought by the calibration end.
/// </summary>
public sealed record HoldoutSplit(DateOnly CalibrationEnd, DateOnly HoldoutEnd, double DaysPerTimeUnit, int Customers, int HoldoutPurchases)
{
    /// <summary>Holdout length in the model's time unit (the t of E[Y(t)]).</summary>
    public double HoldoutLength => (HoldoutEnd.DayNumber - CalibrationEnd.DayNumber) / DaysPerTimeUnit;
}

/// <summary>
/// How one model predicted the holdout: the sum of its E[Y(t)] over the customers, the mean absolute error per
/// customer |E[Y(t)] - actual|, and the aggregate error (predicted - actual) / actual (null when nobody bought in the
/// holdout). A model that could not be fitted has no errors and says why in <see cref="NotFitted"/>.
/// </summary>
public sealed record HoldoutModelScore(
    RepeatPurchaseModelKind Kind, RepeatPurchaseFit? Fit, double? PredictedPurchases, double? MeanAbsoluteError, double? AggregateError, string? NotFitted = null)
{
    public string Name => RepeatPurchaseModels.NameOf(Kind);
}

/// <summary>The model chosen on the holdout, every candidate's errors and the split, in words a report can print.</summary>
public sealed record RepeatPurchaseModelChoice(RepeatPurchaseModelKind Chosen, HoldoutSplit Split, IReadOnlyList<HoldoutModelScore> Scores)
{
    public const string Criterion = "lowest mean absolute error per customer between predicted and actual repeat purchases in the holdout";

    public string ChosenName => RepeatPurchaseModels.NameOf(Chosen);
    public HoldoutModelScore ChosenScore => Scores.Single(s => s.Kind == Chosen);

    /// <summary>One paragraph: the split, each model's errors, the choice and why.</summary>
    public string Statement
    {
        get
        {
            var scores = string.Join("; ", Scores.Select(s => s.NotFitted is { } why
                ? $"{s.Name} not fitted ({why})"
                : FormattableString.Invariant($"{s.Name}: mean absolute error {s.MeanAbsoluteError:F4} per customer, predicted {s.PredictedPurchases:F1}{(s.AggregateError is { } e ? $" ({e:+0.0%;-0.0%})" : "")}")));
            return string.Create(CultureInfo.InvariantCulture,
                $"Repeat-purchase model: {ChosenName}, chosen by the {Criterion}. Fitted on purchases up to {Split.CalibrationEnd:yyyy-MM-dd}, " +
                $"judged on {Split.HoldoutPurchases} repeat purchases of {Split.Customers} customers from {Split.CalibrationEnd.AddDays(1):yyyy-MM-dd} to {Split.HoldoutEnd:yyyy-MM-dd}. {scores}.");
        }
    }
}

/// <summary>
/// Chooses the repeat-purchase model by how well it predicts the user's own data: split the history at a calibration
/// end, fit each candidate (BG/NBD, modified BG/NBD, Pareto/NBD) on the calibration part, compare each customer's
/// predicted repeat purchases in the holdout with the actual ones and take the lowest mean absolute error per
/// customer. Pure: the data and the dates come in as parameters. The chosen kind is then refitted by the caller on
/// the whole history up to its as-of date.
/// </summary>
public static class RepeatPurchaseModelSelection
{
    public static RepeatPurchaseModelChoice Choose(
        IEnumerable<Transaction> transactions, DateOnly calibrationEnd, DateOnly holdoutEnd, double daysPerTimeUnit,
        FitOptions? options = null, IReadOnlyList<RepeatPurchaseModelKind>? candidates = null)
    {
        var lines = transactions as IReadOnlyCollection<Transaction> ?? transactions.ToList();
        return Choose(RfmInputs.FromTransactions(lines, calibrationEnd, daysPerTimeUnit), RfmInputs.HoldoutPurchases(lines, calibrationEnd, holdoutEnd),
            calibrationEnd, holdoutEnd, daysPerTimeUnit, options, candidates);
    }

    /// <summary>
    /// The split the CDNOW studies use: calibration on the first half of the history up to <paramref name="asOf"/>
    /// (from the first purchase), holdout on the second half. Lines dated after <paramref name="asOf"/> are ignored.
    /// </summary>
    public static RepeatPurchaseModelChoice ChooseHalfway(
        IEnumerable<Transaction> transactions, DateOnly asOf, double daysPerTimeUnit,
        FitOptions? options = null, IReadOnlyList<RepeatPurchaseModelKind>? candidates = null)
    {
        var known = transactions.Where(t => t.Date <= asOf).ToList();
        if (known.Count == 0) throw new ModelFitException($"no transactions on or before {asOf:yyyy-MM-dd} to split.");
        var first = known.Min(t => t.Date);
        var calibrationEnd = first.AddDays((asOf.DayNumber - first.DayNumber) / 2);
        return Choose(known, calibrationEnd, asOf, daysPerTimeUnit, options, candidates);
    }

    /// <summary>
    /// The choice from calibration summaries and the holdout purchases per customer id (customers missing from
    /// <paramref name="holdoutPurchases"/> bought nothing in the holdout; ids not in the calibration are ignored).
    /// </summary>
    public static RepeatPurchaseModelChoice Choose(
        IReadOnlyList<RfmObservation> calibration, IReadOnlyDictionary<string, int> holdoutPurchases,
        DateOnly calibrationEnd, DateOnly holdoutEnd, double daysPerTimeUnit,
        FitOptions? options = null, IReadOnlyList<RepeatPurchaseModelKind>? candidates = null)
    {
        if (holdoutEnd <= calibrationEnd)
            throw new ArgumentException($"the holdout must end after the calibration end ({holdoutEnd:yyyy-MM-dd} is not after {calibrationEnd:yyyy-MM-dd}).");
        if (calibration.Count == 0)
            throw new ModelFitException($"no customer bought on or before the calibration end {calibrationEnd:yyyy-MM-dd}.");
        var actual = calibration.Select(c => holdoutPurchases.GetValueOrDefault(c.CustomerId)).ToArray();
        var split = new HoldoutSplit(calibrationEnd, holdoutEnd, daysPerTimeUnit, calibration.Count, actual.Sum());
        var groups = RfmGroups.From(calibration);
        var scores = (candidates ?? RepeatPurchaseModels.All).Select(kind => Score(kind, groups, calibration, actual, split, options)).ToList();
        var best = scores.Where(s => s.MeanAbsoluteError is not null).MinBy(s => s.MeanAbsoluteError!.Value)
                   ?? throw new ModelFitException("no repeat-purchase model could be fitted: " + string.Join("; ", scores.Select(s => $"{s.Name}: {s.NotFitted}")));
        return new RepeatPurchaseModelChoice(best.Kind, split, scores);
    }

    private static HoldoutModelScore Score(
        RepeatPurchaseModelKind kind, RfmGroups groups, IReadOnlyList<RfmObservation> calibration, int[] actual, HoldoutSplit split, FitOptions? options)
    {
        RepeatPurchaseFit fit;
        try
        {
            fit = RepeatPurchaseModels.Fit(kind, groups, options);
        }
        catch (ModelFitException e)
        {
            return new HoldoutModelScore(kind, null, null, null, null, e.Message);
        }
        var t = split.HoldoutLength;
        var cache = new Dictionary<(int, double, double), double>();
        double predictedTotal = 0, absoluteErrors = 0;
        for (var i = 0; i < calibration.Count; i++)
        {
            var c = calibration[i];
            var key = (c.Frequency, c.Recency, c.Age);
            if (!cache.TryGetValue(key, out var predicted))
                cache.Add(key, predicted = fit.Model.ConditionalExpectedPurchases(t, c.Frequency, c.Recency, c.Age));
            predictedTotal += predicted;
            absoluteErrors += Math.Abs(predicted - actual[i]);
        }
        double? aggregate = split.HoldoutPurchases > 0 ? (predictedTotal - split.HoldoutPurchases) / split.HoldoutPurchases : null;
        return new HoldoutModelScore(kind, fit, predictedTotal, absoluteErrors / calibration.Count, aggregate);
    }
}
