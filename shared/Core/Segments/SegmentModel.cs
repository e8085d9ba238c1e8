using System.Runtime.InteropServices;
using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>Which churn figure the segments report; decided once for the whole population so that segments compare.</summary>
public enum ChurnBasis
{
    /// <summary>No customer has a churn status or probability.</summary>
    None,
    /// <summary>Share of customers counted as churned, among those whose status is known.</summary>
    Observed,
    /// <summary>Mean churn probability (1 - P(alive) where no probability is given).</summary>
    Probability,
}

/// <summary>Which CLV the tiers rank by; decided once for the population, as predicted and historical CLV do not compare.</summary>
public enum ClvBasis
{
    None,
    Predicted,
    Historical,
}

/// <summary>
/// The population-wide cut points at <see cref="AsOf"/> (RFM quintiles, size quantiles, CLV tiers) and the rules that
/// turn one customer into one segment value per dimension. Fitting reads the customers once into five columns of
/// doubles and keeps only their cut values; assigning is then a pure function of one customer.
/// </summary>
public sealed class SegmentModel
{
    private const int RfmBins = 5;
    private const string TopTier = "top_10", NextTier = "next_20", RestTier = "rest";

    private readonly QuantileScorer recency, frequency, monetary;
    private readonly QuantileScorer? sizeQuantiles;
    private readonly DecimalBands? sizeBands;
    private readonly string[] sizeQuantileLabels;
    private readonly decimal[]? sizeQuantileBounds;
    private readonly double clvTopFloor, clvNextFloor;
    private readonly IntBands frequencyBands, ageBands;

    private readonly IReadOnlyList<(string Rule, int Customers)> churnRules;

    private SegmentModel(DateOnly asOf, SegmentationOptions options, int population, ChurnBasis churnBasis, ClvBasis clvBasis,
        IReadOnlyList<(string Rule, int Customers)> churnRules,
        double[] recencies, double[] frequencies, double[] monetaries, double[] sizes, double[] clvs)
    {
        AsOf = asOf;
        this.churnRules = churnRules;
        Options = options;
        Population = population;
        ChurnBasis = churnBasis;
        ClvBasis = clvBasis;
        recency = QuantileScorer.Fit(recencies, RfmBins, lowerIsBetter: true);
        frequency = QuantileScorer.Fit(frequencies, RfmBins, lowerIsBetter: false);
        monetary = QuantileScorer.Fit(monetaries, RfmBins, lowerIsBetter: false);
        if (options.SizeBandEdges is { } edges) sizeBands = new DecimalBands(edges);
        else
        {
            sizeQuantiles = QuantileScorer.Fit(sizes, options.SizeBandQuantiles, lowerIsBetter: false);
            // Fit sorted the sizes: the bands run from the smallest through the cuts to the largest.
            if (sizes.Length > 0) sizeQuantileBounds = [(decimal)sizes[0], .. sizeQuantiles.Cuts.Select(c => (decimal)c), (decimal)sizes[^1]];
        }
        // A customer is in a tier while fewer than share x population are strictly above it (so equal CLVs share a
        // tier). Decimal keeps 0.1 + 0.2 of 100 at exactly 30, where doubles would move a customer across the edge;
        // for whole counts "above < limit" is "above < ceiling(limit)".
        Array.Sort(clvs);
        var top = (decimal)options.ClvTopShare * clvs.Length;
        clvTopFloor = TopShare.Floor(clvs, (int)Math.Ceiling(top));
        clvNextFloor = TopShare.Floor(clvs, (int)Math.Ceiling(top + (decimal)options.ClvNextShare * clvs.Length));
        sizeQuantileLabels = [.. Enumerable.Range(1, options.SizeBandQuantiles).Select(q => $"q{q}")];
        frequencyBands = new IntBands(options.FrequencyBandEdges);
        ageBands = new IntBands(options.AgeBandEdges, options.AgeBandEdges.Count == 0 ? null : $"under {options.AgeBandEdges[0]}");
    }

    public DateOnly AsOf { get; }
    public SegmentationOptions Options { get; }
    /// <summary>Customers the cut points were fitted on.</summary>
    public int Population { get; }
    public ChurnBasis ChurnBasis { get; }
    public ClvBasis ClvBasis { get; }

    /// <summary>The cut points behind the band codes, for labels that show values ("Order size USD 12.50-25.00", not "q1").</summary>
    public SegmentBands Bands => new()
    {
        SizeQuantileBounds = sizeQuantileBounds,
        ClvTopShare = Options.ClvTopShare,
        ClvNextShare = Options.ClvNextShare,
    };

    /// <summary>What the reported churn rate means, to print beside it: with an observed status, the rules that decided it and for how many customers.</summary>
    public string ChurnDefinition => ChurnBasis switch
    {
        ChurnBasis.Observed => "Share of customers counted as churned, among those whose status is known. Churned means: "
            + string.Join("; ", churnRules.Select(r => FormattableString.Invariant($"{r.Rule} ({r.Customers:N0} customer{(r.Customers == 1 ? "" : "s")})"))) + ".",
        ChurnBasis.Probability => "Mean predicted churn probability (1 - P(alive) where no churn probability is given).",
        _ => "Unknown: no churn status or probability in the data.",
    };

    private const string GivenChurnStatus = "the churn status given in the data";

    /// <summary>Reads the customers once and fixes the cut points at <paramref name="asOf"/>.</summary>
    public static SegmentModel Fit(IEnumerable<CustomerView> customers, DateOnly asOf, SegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= SegmentationOptions.Default;
        options.Validate();
        var capacity = customers.TryGetNonEnumeratedCount(out var known) ? known : 1024;
        DoubleColumn recencies = new(capacity), frequencies = new(capacity), monetaries = new(capacity), sizes = new(capacity);
        DoubleColumn predicted = new(capacity), historical = new(capacity);
        bool anyObserved = false, anyProbability = false;
        var churnRules = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            recencies.Add(RecencyDays(c, asOf));
            frequencies.Add(c.PurchaseDays);
            monetaries.Add((double)c.Revenue);
            if (c.Orders > 0) sizes.Add((double)c.AverageTransactionSize);
            if (c.PredictedClv is { } p) predicted.Add((double)p);
            if (c.HistoricalClv is { } h) historical.Add((double)h);
            anyObserved |= c.Churned.HasValue;
            if (c.Churned.HasValue) CollectionsMarshal.GetValueRefOrAddDefault(churnRules, c.ChurnRule ?? GivenChurnStatus, out _)++;
            anyProbability |= c.EffectiveChurnProbability.HasValue;
        }
        var clvBasis = predicted.Count > 0 ? ClvBasis.Predicted : historical.Count > 0 ? ClvBasis.Historical : ClvBasis.None;
        var churnBasis = anyObserved ? ChurnBasis.Observed : anyProbability ? ChurnBasis.Probability : ChurnBasis.None;
        return new SegmentModel(asOf, options, recencies.Count, churnBasis, clvBasis,
            [.. churnRules.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value))],
            recencies.ToArray(), frequencies.ToArray(), monetaries.ToArray(), sizes.ToArray(),
            clvBasis == ClvBasis.Predicted ? predicted.ToArray() : historical.ToArray());
    }

    /// <summary>Days from the last purchase to asOf (0 for a purchase dated after it); infinite without purchases, the worst recency.</summary>
    public static double RecencyDays(CustomerView customer, DateOnly asOf) =>
        customer.LastPurchase is { } last ? Math.Max(0, asOf.DayNumber - last.DayNumber) : double.PositiveInfinity;

    public RfmScore ScoreRfm(CustomerView customer) => new(
        recency.Score(RecencyDays(customer, AsOf)),
        frequency.Score(customer.PurchaseDays),
        monetary.Score((double)customer.Revenue));

    /// <summary>The customer's segment value in each dimension, in the order of <see cref="SegmentDimensions.All"/>.</summary>
    public IReadOnlyList<SegmentKey> Assign(CustomerView customer)
    {
        var values = new string[SegmentDimensions.All.Count];
        AssignValues(customer, values);
        return [.. values.Select((v, i) => new SegmentKey(SegmentDimensions.All[i], v))];
    }

    /// <summary>Writes one value per dimension (order of <see cref="SegmentDimensions.All"/>) without allocating.</summary>
    internal void AssignValues(CustomerView c, string[] values)
    {
        values[0] = Options.Rfm.NameOf(ScoreRfm(c));
        values[1] = Attribute(c.Plan);
        values[2] = SizeBand(c);
        values[3] = frequencyBands.Label(c.PurchaseDays);
        values[4] = Attribute(c.Occupation);
        values[5] = AgeBand(c);
        values[6] = Attribute(c.Country);
        values[7] = Attribute(c.Region);
        values[8] = Attribute(c.AcquisitionChannel);
        values[9] = Attribute(c.ContractType);
        values[10] = ClvTier(c);
    }

    private static string Attribute(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SegmentDimensions.Unknown : value.Trim();

    private string SizeBand(CustomerView c)
    {
        if (c.Orders <= 0) return SegmentDimensions.Unknown;
        if (sizeBands is not null) return sizeBands.Label(c.AverageTransactionSize);
        var band = sizeQuantiles!.Score((double)c.AverageTransactionSize);
        return sizeQuantileLabels[band - 1];
    }

    private string AgeBand(CustomerView c)
    {
        var age = c.AgeYears ?? (c.BirthYear is { } year ? AsOf.Year - year : null);
        return age is { } a and >= 0 ? ageBands.Label(a) : SegmentDimensions.Unknown;
    }

    private string ClvTier(CustomerView c)
    {
        var value = ClvBasis switch
        {
            ClvBasis.Predicted => c.PredictedClv,
            ClvBasis.Historical => c.HistoricalClv,
            _ => null,
        };
        if (value is not { } v) return SegmentDimensions.Unknown;
        var clv = (double)v;
        return clv >= clvTopFloor ? TopTier : clv >= clvNextFloor ? NextTier : RestTier;
    }
}
