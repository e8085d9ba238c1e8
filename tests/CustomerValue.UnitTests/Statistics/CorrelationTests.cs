using CustomerValue.Statistics;

namespace CustomerValue.Tests.Statistics;

public class CorrelationTests
{
    // x = 1..5, y = 2, 4, 5, 4, 5: means 3 and 4; deviations x -2 -1 0 1 2, y -2 0 1 0 1;
    // Sxy = 4 + 0 + 0 + 0 + 2 = 6, Sxx = 10, Syy = 4 + 0 + 1 + 0 + 1 = 6; r = 6 / sqrt(60) = 0.774597.
    private static readonly (double, double)[] Small = [(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)];

    [Fact]
    public void Pearson_r_n_fisher_interval_and_p_value()
    {
        var result = Correlation.Pearson(Small);
        var r = 6 / Math.Sqrt(60);
        Assert.Equal(r, result.R!.Value, 12);
        Assert.Equal(5, result.N);
        // Fisher z: atanh(r) +- 1.959964 / sqrt(5 - 3).
        var z = 0.5 * Math.Log((1 + r) / (1 - r));
        Assert.Equal(Math.Tanh(z - 1.959963984540054 / Math.Sqrt(2)), result.CiLow!.Value, 9);
        Assert.Equal(Math.Tanh(z + 1.959963984540054 / Math.Sqrt(2)), result.CiHigh!.Value, 9);
        // t = r sqrt(3 / (1 - r^2)); Student t with 3 df has the closed form CDF
        // F(t) = 1/2 + (1/pi) [ (t/sqrt3) / (1 + t^2/3) + atan(t/sqrt3) ].
        var t = r * Math.Sqrt(3 / (1 - r * r));
        var u = t / Math.Sqrt(3);
        var cdf = 0.5 + (u / (1 + u * u) + Math.Atan(u)) / Math.PI;
        Assert.Equal(2 * (1 - cdf), result.PValue!.Value, 9);
    }

    [Fact]
    public void Spearman_gives_tied_values_their_average_rank()
    {
        // y = 5, 6, 7, 8, 7 -> ranks 1, 2, 3.5, 5, 3.5; x ranks 1..5. Deviations from 3: x -2 -1 0 1 2,
        // y -2 -1 0.5 2 0.5; Sxy = 4 + 1 + 0 + 2 + 1 = 8, Sxx = 10, Syy = 9.5; rho = 8 / sqrt(95).
        var result = Correlation.Spearman([(1, 5), (2, 6), (3, 7), (4, 8), (5, 7)]);
        Assert.Equal(8 / Math.Sqrt(95), result.R!.Value, 12);
        Assert.Contains("Spearman", result.Note);
    }

    [Fact]
    public void Spearman_is_one_for_any_increasing_relation_where_pearson_is_not()
    {
        var pairs = Enumerable.Range(1, 20).Select(i => ((double)i, Math.Exp(i))).ToList();
        Assert.Equal(1.0, Correlation.Spearman(pairs).R!.Value, 12);
        Assert.True(Correlation.Pearson(pairs).R < 0.9);
    }

    [Fact]
    public void Missing_values_are_dropped_pairwise_and_constant_or_tiny_samples_are_undefined()
    {
        var result = Correlation.Compute([(1, 2), (2, null), (null, 3), (3, 4), (4, 5), (5, 7)], CorrelationMethod.Pearson);
        Assert.Equal(4, result.N);
        Assert.Null(Correlation.Pearson([(1, 1), (2, 1), (3, 1), (4, 1)]).R);
        Assert.Contains("constant", Correlation.Pearson([(1, 1), (2, 1), (3, 1), (4, 1)]).Note);
        var three = Correlation.Pearson([(1, 1), (2, 3), (3, 2)]);
        Assert.NotNull(three.R);
        Assert.Null(three.CiLow);
        Assert.Null(Correlation.Pearson([(1, 1)]).R);
    }
}
