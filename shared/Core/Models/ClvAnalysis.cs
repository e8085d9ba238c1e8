namespace CustomerValue.Models;

/// <summary>Everything one CLV run produces: the fits, per-customer predictions and what went wrong on the way.</summary>
public sealed record ClvAnalysisResult(
    RepeatPurchaseFit Purchases,
    ModelFit<GammaGammaParameters>? Spend,
    IReadOnlyList<ClvPrediction> Predictions,
    ClvOptions Options,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Sum of the CLVs that could be computed (customers without a finite spend expectation are left out).</summary>
    public double TotalClv => Predictions.Sum(p => p.Clv ?? 0);
    public int CustomersWithClv => Predictions.Count(p => p.Clv is not null);
}

/// <summary>
/// One CLV run: fit the repeat-purchase model, fit Gamma-Gamma when repeat buyers have spend, predict every customer.
/// A spend model that cannot be fitted is reported as a warning and CLV is left empty rather than guessed.
/// </summary>
public static class ClvAnalysis
{
    public static ClvAnalysisResult Run(IReadOnlyList<RfmObservation> customers, RepeatPurchaseModelKind kind, ClvOptions clv, FitOptions? fit = null)
    {
        var groups = RfmGroups.From(customers);
        var purchases = RepeatPurchaseModels.Fit(kind, groups, fit);
        var warnings = new List<string>(purchases.Warnings);
        ModelFit<GammaGammaParameters>? spend = null;
        if (customers.Any(c => c.Frequency > 0 && c.MonetaryValue != 0))
        {
            // Repeat buyers whose repeat purchases net to zero or less (free items, refunds) cannot enter the spend
            // likelihood; they are left out of the fit, said so, and still get the model's conditional spend.
            var withoutSpend = customers.Count(c => c.Frequency > 0 && !(c.MonetaryValue > 0));
            if (withoutSpend > 0)
                warnings.Add($"Gamma-Gamma: {withoutSpend} repeat buyer(s) with a mean repeat spend of 0 or less were left out of the spend fit.");
            try
            {
                spend = GammaGammaModel.Fit(customers.Where(c => c.Frequency == 0 || c.MonetaryValue > 0), fit);
                warnings.AddRange(spend.Warnings.Select(w => $"Gamma-Gamma: {w}"));
            }
            catch (ModelFitException e)
            {
                warnings.Add($"Gamma-Gamma not fitted: {e.Message} CLV is left empty.");
            }
        }
        else
        {
            warnings.Add("no spend given: purchases are predicted, spend and CLV are left empty.");
        }
        var predictions = ClvCalculator.Predict(purchases.Model, spend?.Parameters, customers, clv)
            .Select(p => spend is null ? p with { ExpectedSpend = null, Clv = null } : p)
            .ToList();
        return new ClvAnalysisResult(purchases, spend, predictions, clv, warnings);
    }
}
