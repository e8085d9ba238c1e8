namespace CustomerValue.Models;

/// <summary>Which repeat-purchase model to fit.</summary>
public enum RepeatPurchaseModelKind
{
    BgNbd,
    ParetoNbd,
    /// <summary>Modified BG/NBD: like BG/NBD, but a one-time buyer may have dropped out too.</summary>
    ModifiedBgNbd,
}

/// <summary>The fitted repeat-purchase model, as the report shows it.</summary>
public sealed record RepeatPurchaseFit(
    IRepeatPurchaseModel Model, double LogLikelihood, double Customers, int DistinctRows, bool Converged, IReadOnlyList<string> Warnings);

/// <summary>One entry point for fitting any repeat-purchase model by kind, and the names the reports and the CLI use.</summary>
public static class RepeatPurchaseModels
{
    public static IReadOnlyList<RepeatPurchaseModelKind> All { get; } =
        [RepeatPurchaseModelKind.BgNbd, RepeatPurchaseModelKind.ModifiedBgNbd, RepeatPurchaseModelKind.ParetoNbd];

    /// <exception cref="ModelFitException">The model cannot be fitted, also when its likelihood cannot be evaluated where the optimiser went (a series that does not converge).</exception>
    public static RepeatPurchaseFit Fit(RepeatPurchaseModelKind kind, RfmGroups data, FitOptions? options = null)
    {
        try
        {
            return FitUnchecked(kind, data, options);
        }
        catch (ArithmeticException e)
        {
            throw new ModelFitException($"the {NameOf(kind)} likelihood could not be evaluated: {e.Message}");
        }
    }

    private static RepeatPurchaseFit FitUnchecked(RepeatPurchaseModelKind kind, RfmGroups data, FitOptions? options) => kind switch
    {
        RepeatPurchaseModelKind.BgNbd => From(BgNbdModel.Fit(data, options)),
        RepeatPurchaseModelKind.ModifiedBgNbd => From(ModifiedBgNbdModel.Fit(data, options)),
        RepeatPurchaseModelKind.ParetoNbd => From(ParetoNbdModel.Fit(data, options)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model."),
    };

    /// <summary>The short name (bgnbd, mbgnbd, paretonbd), the same as <see cref="IRepeatPurchaseModel.Name"/> of the fitted model.</summary>
    public static string NameOf(RepeatPurchaseModelKind kind) => kind switch
    {
        RepeatPurchaseModelKind.BgNbd => "bgnbd",
        RepeatPurchaseModelKind.ModifiedBgNbd => "mbgnbd",
        RepeatPurchaseModelKind.ParetoNbd => "paretonbd",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model."),
    };

    public static bool TryParse(string name, out RepeatPurchaseModelKind kind)
    {
        foreach (var candidate in All)
        {
            if (!string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase)) continue;
            kind = candidate;
            return true;
        }
        kind = default;
        return false;
    }

    private static RepeatPurchaseFit From<T>(ModelFit<T> fit) where T : IRepeatPurchaseModel =>
        new(fit.Parameters, fit.LogLikelihood, fit.Customers, fit.DistinctRows, fit.Converged, fit.Warnings);
}
