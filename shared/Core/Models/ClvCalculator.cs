namespace CustomerValue.Models;

/// <summary>
/// How predicted CLV is discounted. The horizon is <see cref="Periods"/> periods of <see cref="PeriodLength"/> model
/// time units each (e.g. 52 periods of 1 week, or 12 periods of 30/7 weeks); <see cref="DiscountRate"/> is per period.
/// </summary>
public sealed record ClvOptions
{
    public int Periods { get; init; } = 52;
    public double PeriodLength { get; init; } = 1;
    public double DiscountRate { get; init; }
    /// <summary>Profit margin applied to spend (1 = revenue CLV).</summary>
    public double Margin { get; init; } = 1;

    public double Horizon => Periods * PeriodLength;

    public string Formula =>
        $"CLV = sum over k = 1..{Periods} of (E[Y(k*{PeriodLength:G4})] - E[Y((k-1)*{PeriodLength:G4})]) * E[M] * {Margin:G4} / (1 + {DiscountRate:G4})^k";
}

/// <summary>One customer's predictions. Spend and CLV are null when the spend model gives no finite expectation.</summary>
public sealed record ClvPrediction(
    string CustomerId, int Frequency, double Recency, double Age,
    double ProbabilityAlive, double ExpectedPurchases, double? ExpectedSpend, double? Clv);

/// <summary>
/// Predicted customer lifetime value as a discounted cash flow:
/// CLV = sum_{k=1..K} (E[Y(k d)] - E[Y((k-1) d)]) x E[M | x, zbar] x margin / (1 + rate)^k,
/// with E[Y(t)] the repeat-purchase model's conditional expected purchases in the next t time units, d the period
/// length and E[M] the Gamma-Gamma conditional expected spend (or the customer's own mean when no spend model is given).
/// </summary>
public static class ClvCalculator
{
    /// <summary>What the purchase model says about one (x, t_x, T): P(alive), E[Y(horizon)] and the discounted sum of period increments.</summary>
    public readonly record struct PurchaseForecast(double ProbabilityAlive, double ExpectedPurchases, double DiscountedPurchases);

    public static ClvPrediction Predict(IRepeatPurchaseModel purchases, GammaGammaParameters? spend, RfmObservation customer, ClvOptions options)
    {
        customer.Validate();
        return Combine(customer, Forecast(purchases, customer.Frequency, customer.Recency, customer.Age, options), spend, options);
    }

    /// <summary>
    /// Predictions for many customers. The purchase forecast depends only on (x, t_x, T), so it is computed once per
    /// distinct triple: with times in whole days, a million customers share a few hundred thousand triples or fewer.
    /// </summary>
    public static IEnumerable<ClvPrediction> Predict(IRepeatPurchaseModel purchases, GammaGammaParameters? spend,
        IEnumerable<RfmObservation> customers, ClvOptions options)
    {
        var cache = new Dictionary<(int, double, double), PurchaseForecast>();
        foreach (var c in customers)
        {
            c.Validate();
            var key = (c.Frequency, c.Recency, c.Age);
            if (!cache.TryGetValue(key, out var forecast))
                cache.Add(key, forecast = Forecast(purchases, c.Frequency, c.Recency, c.Age, options));
            yield return Combine(c, forecast, spend, options);
        }
    }

    /// <summary>P(alive), E[Y(K d)] and sum over k of (E[Y(k d)] - E[Y((k-1) d)]) / (1 + rate)^k.</summary>
    public static PurchaseForecast Forecast(IRepeatPurchaseModel purchases, int x, double tx, double T, ClvOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Periods);
        if (!(options.PeriodLength > 0)) throw new ArgumentOutOfRangeException(nameof(options), "period length must be positive.");
        if (!(options.DiscountRate > -1)) throw new ArgumentOutOfRangeException(nameof(options), "discount rate must be above -1.");
        double previous = 0, discounted = 0;
        for (var k = 1; k <= options.Periods; k++)
        {
            var cumulative = purchases.ConditionalExpectedPurchases(k * options.PeriodLength, x, tx, T);
            discounted += (cumulative - previous) / Math.Pow(1 + options.DiscountRate, k);
            previous = cumulative;
        }
        return new PurchaseForecast(purchases.ProbabilityAlive(x, tx, T), previous, discounted);
    }

    private static ClvPrediction Combine(RfmObservation customer, PurchaseForecast forecast, GammaGammaParameters? spend, ClvOptions options)
    {
        var x = customer.Frequency;
        double? expectedSpend = spend is null
            ? (x > 0 && customer.MonetaryValue > 0 ? customer.MonetaryValue : null)
            : spend.ConditionalExpectedSpend(x, customer.MonetaryValue);
        double? clv = expectedSpend is { } m && m > 0 ? forecast.DiscountedPurchases * m * options.Margin : null;
        return new ClvPrediction(customer.CustomerId, x, customer.Recency, customer.Age,
            forecast.ProbabilityAlive, forecast.ExpectedPurchases, expectedSpend, clv);
    }
}
