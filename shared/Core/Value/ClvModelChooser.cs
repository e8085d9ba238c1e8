using System.Globalization;
using CustomerValue.Metrics;
using CustomerValue.Models;

namespace CustomerValue.Value;

/// <summary>The repeat-purchase model a view is fitted with, and the sentence a report prints to say why.</summary>
public sealed record ClvModelDecision(RepeatPurchaseModelKind Kind, string Statement)
{
    public string Name => RepeatPurchaseModels.NameOf(Kind);
}

/// <summary>
/// Pure: which repeat-purchase model values the customers without a contract at a day. With
/// <see cref="ValueOptions.RepeatPurchaseModel"/> = Auto, the purchase history up to the day is split halfway
/// (<see cref="RepeatPurchaseModelSelection"/>): every candidate is fitted on the first half and judged on the repeat
/// purchases of the second; the caller refits the winner on everything up to the day. The judgement uses at most
/// <see cref="SampleSize"/> buyers, the same ones on every run (the lowest hashes of their ids), because Pareto/NBD
/// has no gradient and fitting it on a million customers three times over would dominate a snapshot. When the
/// holdout cannot judge (too few buyers, no repeat purchase in it, no model fitted) the modified BG/NBD is used: unlike
/// BG/NBD it does not call every one-time buyer alive.
/// </summary>
public static class ClvModelChooser
{
    public const int SampleSize = 20_000;
    /// <summary>Fewer buyers than this before the calibration end cannot judge the models.</summary>
    public const int MinimumCalibrationCustomers = 100;
    public const RepeatPurchaseModelKind Fallback = RepeatPurchaseModelKind.ModifiedBgNbd;

    public static ClvModelDecision Decide(IReadOnlyList<CustomerPurchaseSummary> purchases, DateOnly asOf, ValueOptions options)
    {
        if (!string.Equals(options.RepeatPurchaseModel, ValueOptions.AutoModel, StringComparison.OrdinalIgnoreCase))
        {
            if (!RepeatPurchaseModels.TryParse(options.RepeatPurchaseModel, out var set))
                throw new ArgumentException($"Value:RepeatPurchaseModel '{options.RepeatPurchaseModel}' is not Auto, bgnbd, mbgnbd or paretonbd.", nameof(options));
            return new ClvModelDecision(set, $"Repeat-purchase model: {RepeatPurchaseModels.NameOf(set)}, set by Value:RepeatPurchaseModel.");
        }

        var buyers = purchases.Select(p => p.Through(asOf)).Where(p => p.FirstPurchase is { } first && first <= asOf).ToList();
        var sampled = buyers.Count > SampleSize;
        var sample = sampled
            ? buyers.OrderBy(p => CustomerBuckets.HashOf(p.CustomerId)).ThenBy(p => p.CustomerId, StringComparer.Ordinal).Take(SampleSize).ToList()
            : buyers;
        if (sample.Count == 0) return FellBack("no purchase on or before the snapshot day");
        var first = sample.Min(p => p.FirstPurchase!.Value);
        if (asOf.DayNumber - first.DayNumber < 2) return FellBack("the purchase history is too short to split");
        var calibrationEnd = first.AddDays((asOf.DayNumber - first.DayNumber) / 2);

        var calibration = new List<RfmObservation>(sample.Count);
        var holdout = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in sample)
        {
            var early = p.Through(calibrationEnd);
            if (early.PurchaseDays == 0) continue;
            calibration.Add(CustomerValueModel.Observe(early, calibrationEnd));
            if (p.PurchaseDays > early.PurchaseDays) holdout[p.CustomerId] = p.PurchaseDays - early.PurchaseDays;
        }
        if (calibration.Count < MinimumCalibrationCustomers)
            return FellBack(string.Create(CultureInfo.InvariantCulture, $"only {calibration.Count} customers had bought by the calibration end {calibrationEnd:yyyy-MM-dd}, fewer than {MinimumCalibrationCustomers}"));
        if (holdout.Count == 0)
            return FellBack(string.Create(CultureInfo.InvariantCulture, $"none of them bought again from {calibrationEnd.AddDays(1):yyyy-MM-dd} to {asOf:yyyy-MM-dd}"));

        RepeatPurchaseModelChoice choice;
        try
        {
            choice = RepeatPurchaseModelSelection.Choose(calibration, holdout, calibrationEnd, asOf, CustomerValueModel.DaysPerWeek);
        }
        catch (ModelFitException e)
        {
            return FellBack(e.Message);
        }
        var judgedOn = sampled
            ? string.Create(CultureInfo.InvariantCulture, $" Judged on a fixed sample of {SampleSize} of the {buyers.Count} buyers (the lowest hashes of their ids); the chosen model is then fitted on all of them up to {asOf:yyyy-MM-dd}.")
            : string.Create(CultureInfo.InvariantCulture, $" The chosen model is then fitted on all purchases up to {asOf:yyyy-MM-dd}.");
        return new ClvModelDecision(choice.Chosen, choice.Statement + judgedOn);

        ClvModelDecision FellBack(string why) => new(Fallback,
            $"Repeat-purchase model: {RepeatPurchaseModels.NameOf(Fallback)}, the default, because the holdout could not judge the models ({why}).");
    }
}
