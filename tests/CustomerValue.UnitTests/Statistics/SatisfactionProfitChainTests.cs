using CustomerValue.Statistics;

namespace CustomerValue.Tests.Statistics;

public class SatisfactionProfitChainTests
{
    private static readonly ChainObservation[] Customers =
    [
        new("1", Nps: 10, Csat: 5, Retained: 1, Profit: 500),
        new("2", Nps: 9, Csat: 4, Retained: 1, Profit: 300),
        new("3", Nps: 7, Csat: 4, Retained: 1, Profit: 200),
        new("4", Nps: 5, Csat: 2, Retained: 0, Profit: 50),
        new("5", Nps: 2, Csat: 1, Retained: 0, Profit: -20),
        new("6", Nps: 8, Retained: 1, Profit: 250), // no CSAT answer
    ];

    [Fact]
    public void Matrix_covers_every_pair_of_given_variables_with_its_own_n()
    {
        var matrix = SatisfactionProfitChain.Calculate(Customers);
        Assert.Equal(["nps", "csat", "retained", "profit"], matrix.Variables);
        Assert.Equal(6, matrix.Cells.Count); // 4 variables: 4 x 3 / 2 pairs
        Assert.Equal(6, matrix.Get("nps", "profit").Pearson.N);
        Assert.Equal(5, matrix.Get("csat", "profit").Pearson.N);

        // NPS vs profit computed here from the six pairs.
        double[] nps = [10, 9, 7, 5, 2, 8], profit = [500, 300, 200, 50, -20, 250];
        double mx = nps.Average(), my = profit.Average();
        var sxy = nps.Zip(profit).Sum(p => (p.First - mx) * (p.Second - my));
        var r = sxy / Math.Sqrt(nps.Sum(x => (x - mx) * (x - mx)) * profit.Sum(y => (y - my) * (y - my)));
        Assert.Equal(r, matrix.Get("profit", "nps").Pearson.R!.Value, 12);
        // Ranks agree perfectly (same order): Spearman 1.
        Assert.Equal(1.0, matrix.Get("nps", "profit").Spearman.R!.Value, 12);
        Assert.NotNull(matrix.Get("nps", "retained").Pearson.CiLow);
    }

    [Fact]
    public void Satisfaction_to_outcome_pairs_come_first()
    {
        var matrix = SatisfactionProfitChain.Calculate(Customers);
        Assert.Equal(("nps", "retained"), (matrix.Cells[0].First, matrix.Cells[0].Second));
        Assert.Equal(("retained", "profit"), (matrix.Cells[^1].First, matrix.Cells[^1].Second));
    }

    [Fact]
    public void Values_outside_their_scale_are_refused_naming_the_customer()
    {
        var error = Assert.Throws<ArgumentException>(() => SatisfactionProfitChain.Calculate([new("x9", Csat: 7)]));
        Assert.Contains("x9", error.Message);
        Assert.Contains("csat", error.Message);
        Assert.Throws<ArgumentException>(() => SatisfactionProfitChain.Calculate([new("x8", Retained: 0.5)]));
    }
}
