using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

public class KeyDriverTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 1);

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double T(double r, int n) => r * Math.Sqrt((n - 2) / (1 - r * r));

    [Fact]
    public void Nps_against_observed_churn_is_point_biserial_with_its_t_test_p_value()
    {
        double[] nps = [2, 5, 8, 9];
        double[] churned = [1, 1, 0, 0];
        var customers = nps.Select((s, i) => new CustomerView { CustomerId = $"n{i}", NpsScore = (int)s, Churned = churned[i] == 1 }).ToList();

        var driver = SegmentAnalysis.Run(customers, AsOf).KeyDrivers.Single(d => d.Driver == KeyDriverNames.NpsScore && d.Outcome == KeyDriverNames.Churn);

        var r = Pearson(nps, churned);
        var t = T(r, 4);
        Assert.Equal("point-biserial", driver.Method);
        Assert.Equal(4, driver.Samples);
        Assert.Equal(r, driver.Correlation, 10);
        Assert.True(driver.Correlation < 0);
        // Student t with 2 degrees of freedom has a closed form: P(|T| > |t|) = 1 - |t| / sqrt(2 + t^2).
        Assert.Equal(1 - Math.Abs(t) / Math.Sqrt(2 + t * t), driver.PValue!.Value, 8);
    }

    [Fact]
    public void Csat_against_churn_probability_is_pearson_and_one_degree_of_freedom_matches_the_cauchy_tail()
    {
        double[] csat = [1, 3, 5];
        double[] probability = [0.9, 0.2, 0.4];
        var customers = csat.Select((s, i) => new CustomerView { CustomerId = $"c{i}", Csat = (int)s, ChurnProbability = probability[i] }).ToList();

        var driver = SegmentAnalysis.Run(customers, AsOf).KeyDrivers.Single(d => d.Driver == KeyDriverNames.Csat && d.Outcome == KeyDriverNames.Churn);

        var r = Pearson(csat, probability);
        var t = T(r, 3);
        Assert.Equal("pearson", driver.Method);
        Assert.Equal(r, driver.Correlation, 10);
        // With 1 degree of freedom t is Cauchy: P(|T| > |t|) = 1 - 2/pi * atan(|t|).
        Assert.Equal(1 - 2 / Math.PI * Math.Atan(Math.Abs(t)), driver.PValue!.Value, 8);
    }

    [Fact]
    public void Aspect_mentions_against_churn_are_phi_over_respondents_only()
    {
        var customers = new List<CustomerView>
        {
            new() { CustomerId = "r1", Churned = true, Aspects = [new("price", -0.5)] },
            new() { CustomerId = "r2", Churned = true, Aspects = [new("price", -0.5), new("price", -0.2)] }, // twice still counts once
            new() { CustomerId = "r3", Churned = false, Aspects = [new("price", -0.5)] },
            new() { CustomerId = "r4", Churned = false, SentimentCompound = 0.3 },
            new() { CustomerId = "r5", Churned = false, SentimentCompound = 0.3 },
            new() { CustomerId = "r6", Churned = false, SentimentCompound = 0.3 },
            new() { CustomerId = "silent", Churned = true }, // no feedback: not a respondent
        };

        var driver = SegmentAnalysis.Run(customers, AsOf).KeyDrivers.Single(d => d.Driver == "aspect:price" && d.Outcome == KeyDriverNames.Churn);

        // 2x2 table over the six respondents: mentioned & churned 2, mentioned & stayed 1, silent on price & churned 0, & stayed 3.
        double a = 2, b = 1, c = 0, d = 3;
        var phi = (a * d - b * c) / Math.Sqrt((a + b) * (c + d) * (a + c) * (b + d));
        Assert.Equal("phi", driver.Method);
        Assert.Equal(6, driver.Samples);
        Assert.Equal(phi, driver.Correlation, 10);
        Assert.InRange(driver.PValue!.Value, 0.0, 1.0);
    }

    [Fact]
    public void Roi_drivers_use_customers_with_a_positive_cost()
    {
        double[] nps = [1, 4, 6, 10, 9];
        decimal[] revenue = [50, 120, 90, 400, 260];
        var customers = nps.Select((s, i) => new CustomerView { CustomerId = $"r{i}", NpsScore = (int)s, Revenue = revenue[i], Cost = 100m }).ToList();
        customers.Add(new CustomerView { CustomerId = "free", NpsScore = 0, Revenue = 10, Cost = 0m });

        var driver = SegmentAnalysis.Run(customers, AsOf).KeyDrivers.Single(d => d.Driver == KeyDriverNames.NpsScore && d.Outcome == KeyDriverNames.Roi);

        var roi = revenue.Select(r => (double)((r - 100m) / 100m)).ToArray();
        Assert.Equal(5, driver.Samples);
        Assert.Equal(Pearson(nps, roi), driver.Correlation, 10);
    }
}
