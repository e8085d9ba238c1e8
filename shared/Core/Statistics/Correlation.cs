using MathNet.Numerics.Distributions;

namespace CustomerValue.Statistics;

public enum CorrelationMethod
{
    Pearson,
    Spearman,
}

/// <summary>
/// A correlation with its sample size, confidence interval (Fisher z) and two-sided p-value (t test with n - 2
/// degrees of freedom). Fields are null when they are undefined; <see cref="Note"/> says why.
/// </summary>
public sealed record CorrelationResult(CorrelationMethod Method, double? R, int N, double? CiLow, double? CiHigh, double? PValue, double Confidence, string Note);

/// <summary>Pearson and Spearman correlation over pairwise-complete observations.</summary>
public static class Correlation
{
    public static CorrelationResult Pearson(IEnumerable<(double X, double Y)> pairs, double confidence = 0.95) =>
        Compute(pairs.ToList(), CorrelationMethod.Pearson, confidence);

    /// <summary>Spearman's rho: Pearson on ranks, ties given their average rank.</summary>
    public static CorrelationResult Spearman(IEnumerable<(double X, double Y)> pairs, double confidence = 0.95)
    {
        var list = pairs.ToList();
        var rx = Ranks(list.Select(p => p.X).ToArray());
        var ry = Ranks(list.Select(p => p.Y).ToArray());
        return Compute(rx.Zip(ry).ToList(), CorrelationMethod.Spearman, confidence);
    }

    /// <summary>Pairs where either value is missing or not finite are dropped before computing.</summary>
    public static CorrelationResult Compute(IEnumerable<(double? X, double? Y)> pairs, CorrelationMethod method, double confidence = 0.95)
    {
        var complete = pairs.Where(p => p.X is { } x && p.Y is { } y && double.IsFinite(x) && double.IsFinite(y))
            .Select(p => (p.X!.Value, p.Y!.Value));
        return method == CorrelationMethod.Pearson ? Pearson(complete, confidence) : Spearman(complete, confidence);
    }

    private static CorrelationResult Compute(List<(double X, double Y)> pairs, CorrelationMethod method, double confidence)
    {
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1).");
        var n = pairs.Count;
        if (n < 2) return new(method, null, n, null, null, null, confidence, $"undefined: {n} complete pair(s), at least 2 needed");
        double meanX = pairs.Average(p => p.X), meanY = pairs.Average(p => p.Y);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in pairs)
        {
            sxy += (x - meanX) * (y - meanY);
            sxx += (x - meanX) * (x - meanX);
            syy += (y - meanY) * (y - meanY);
        }
        if (sxx == 0 || syy == 0) return new(method, null, n, null, null, null, confidence, "undefined: one of the variables is constant");
        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);

        // Two-sided p-value of H0: rho = 0 from t = r sqrt((n-2)/(1-r^2)), Student t with n-2 degrees of freedom.
        double? p = n <= 2 ? null
            : Math.Abs(r) == 1 ? 0
            : 2 * (1 - StudentT.CDF(0, 1, n - 2, Math.Abs(r * Math.Sqrt((n - 2) / (1 - r * r)))));

        // Fisher z interval: atanh(r) +- z_crit * se, se = 1/sqrt(n-3) (Spearman: sqrt(1.06/(n-3)), Fieller et al. 1957).
        double? low = null, high = null;
        var note = method == CorrelationMethod.Pearson
            ? "Pearson r; CI by Fisher z with se = 1/sqrt(n-3); p from t with n-2 df"
            : "Spearman rho (average ranks for ties); CI by Fisher z with se = sqrt(1.06/(n-3)); p from t with n-2 df";
        if (n > 3)
        {
            if (Math.Abs(r) == 1)
            {
                low = high = r;
            }
            else
            {
                var se = Math.Sqrt((method == CorrelationMethod.Pearson ? 1.0 : 1.06) / (n - 3));
                var zCrit = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
                var z = Math.Atanh(r);
                low = Math.Tanh(z - zCrit * se);
                high = Math.Tanh(z + zCrit * se);
            }
        }
        else
        {
            note += "; no CI with n <= 3";
        }
        return new(method, r, n, low, high, p, confidence, note);
    }

    /// <summary>1-based ranks; tied values share the mean of the ranks they span.</summary>
    public static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }
}
