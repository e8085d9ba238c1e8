namespace CustomerValue.Models;

/// <summary>
/// One customer's calibration-period history in the notation of the papers: <see cref="Frequency"/> x repeat purchases,
/// <see cref="Recency"/> t_x the time of the last purchase and <see cref="Age"/> T the time from the first purchase to
/// the end of calibration, both in the model's time unit; <see cref="MonetaryValue"/> (zbar) the mean value of the
/// repeat purchases, 0 when x = 0.
/// </summary>
public readonly record struct RfmObservation(string CustomerId, int Frequency, double Recency, double Age, double MonetaryValue = 0)
{
    /// <summary>Throws with the customer id when the triple cannot come from a purchase history.</summary>
    public void Validate()
    {
        if (Frequency < 0) throw new ArgumentException($"customer {CustomerId}: frequency x = {Frequency} is negative.");
        if (!(Recency >= 0) || !(Age >= 0) || !double.IsFinite(Age))
            throw new ArgumentException($"customer {CustomerId}: recency t_x = {Recency} and age T = {Age} must be finite and non-negative.");
        if (Recency > Age + 1e-9)
            throw new ArgumentException($"customer {CustomerId}: recency t_x = {Recency} is after the end of calibration T = {Age}.");
        if (Frequency == 0 && Recency != 0)
            throw new ArgumentException($"customer {CustomerId}: x = 0 needs t_x = 0 (found {Recency}).");
    }
}

/// <summary>
/// Identical (x, t_x, T) rows folded into one row with a weight (the number of customers), with indexes into the
/// distinct values of x, t_x and T so that a likelihood evaluation computes log-gamma and log terms once per
/// distinct value instead of once per customer. This is what makes fitting a million customers fast.
/// </summary>
public sealed class RfmGroups
{
    public required int[] Frequency { get; init; }
    public required double[] Recency { get; init; }
    public required double[] Age { get; init; }
    public required double[] Weight { get; init; }
    public required int[] DistinctFrequencies { get; init; }
    public required double[] DistinctRecencies { get; init; }
    public required double[] DistinctAges { get; init; }
    public required int[] FrequencyIndex { get; init; }
    public required int[] RecencyIndex { get; init; }
    public required int[] AgeIndex { get; init; }
    public double Customers { get; init; }
    public double RepeatBuyers { get; init; }
    public int Count => Frequency.Length;

    public static RfmGroups From(IEnumerable<RfmObservation> observations)
    {
        var index = new Dictionary<(int, double, double), int>();
        var x = new List<int>();
        var tx = new List<double>();
        var T = new List<double>();
        var w = new List<double>();
        double customers = 0, repeaters = 0;
        foreach (var o in observations)
        {
            o.Validate();
            customers++;
            if (o.Frequency > 0) repeaters++;
            var key = (o.Frequency, o.Recency, o.Age);
            if (index.TryGetValue(key, out var i))
            {
                w[i]++;
                continue;
            }
            index.Add(key, x.Count);
            x.Add(o.Frequency);
            tx.Add(o.Recency);
            T.Add(o.Age);
            w.Add(1);
        }
        var (distinctX, xIndex) = Distinct(x);
        var (distinctTx, txIndex) = Distinct(tx);
        var (distinctT, tIndex) = Distinct(T);
        return new RfmGroups
        {
            Frequency = [.. x], Recency = [.. tx], Age = [.. T], Weight = [.. w],
            DistinctFrequencies = distinctX, DistinctRecencies = distinctTx, DistinctAges = distinctT,
            FrequencyIndex = xIndex, RecencyIndex = txIndex, AgeIndex = tIndex,
            Customers = customers, RepeatBuyers = repeaters,
        };
    }

    private static (T[] Values, int[] Index) Distinct<T>(List<T> values) where T : notnull
    {
        var positions = new Dictionary<T, int>();
        var index = new int[values.Count];
        var distinct = new List<T>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!positions.TryGetValue(values[i], out var p))
            {
                p = distinct.Count;
                positions.Add(values[i], p);
                distinct.Add(values[i]);
            }
            index[i] = p;
        }
        return ([.. distinct], index);
    }
}

/// <summary>A fitted model: parameters, maximised log-likelihood and what the fit had to say about itself.</summary>
public sealed record ModelFit<TParameters>(
    TParameters Parameters,
    double LogLikelihood,
    double Customers,
    int DistinctRows,
    int Evaluations,
    bool Converged,
    IReadOnlyList<string> Warnings);

/// <summary>Knobs of a maximum-likelihood fit.</summary>
public sealed record FitOptions
{
    public static FitOptions Default { get; } = new();

    /// <summary>Fewer customers with x &gt; 0 than this and the repeat-purchase process cannot be estimated.</summary>
    public int MinimumRepeatBuyers { get; init; } = 10;
    public int MaxEvaluations { get; init; } = 20_000;
    /// <summary>Relative spread of the log-likelihood over the simplex at which the fit stops.</summary>
    public double Tolerance { get; init; } = 1e-12;
    /// <summary>Starting point in parameter space (not log space); null for the model's default.</summary>
    public double[]? Start { get; init; }
}

/// <summary>The data cannot support the model (too few repeat buyers, spend not positive, ...); the message says which.</summary>
public sealed class ModelFitException(string message) : Exception(message);

/// <summary>What any repeat-purchase model (BG/NBD, modified BG/NBD, Pareto/NBD) predicts for one customer.</summary>
public interface IRepeatPurchaseModel
{
    string Name { get; }
    IReadOnlyDictionary<string, double> NamedParameters { get; }
    double LogLikelihood(int x, double tx, double T);
    double ProbabilityAlive(int x, double tx, double T);
    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next t time units.</summary>
    double ConditionalExpectedPurchases(double t, int x, double tx, double T);
    /// <summary>E[X(t)]: expected purchases of a new customer in its first t time units.</summary>
    double ExpectedPurchases(double t);
}
