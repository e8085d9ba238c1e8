using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

public class RfmScoringTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static CustomerView Customer(int i, int recencyDays, int purchaseDays, decimal revenue) => new()
    {
        CustomerId = $"c{i}",
        LastPurchase = AsOf.AddDays(-recencyDays),
        PurchaseDays = purchaseDays,
        Orders = purchaseDays,
        Revenue = revenue,
    };

    // Ten customers. Recency and monetary are distinct, so each pair of neighbours shares a quintile.
    // Frequency has ties: 10,10 | 8 | 7 | 5,5,5 | 2 | 1,1.
    private static readonly int[] RecencyDays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    private static readonly int[] Frequencies = [10, 10, 8, 7, 5, 5, 5, 2, 1, 1];
    private static readonly decimal[] Monetary = [500, 400, 300, 250, 200, 150, 100, 80, 60, 50];

    private static List<CustomerView> TenCustomers() =>
        [.. Enumerable.Range(0, 10).Select(i => Customer(i, RecencyDays[i], Frequencies[i], Monetary[i]))];

    [Fact]
    public void Scores_are_quintiles_of_the_population_and_ties_share_a_score()
    {
        var customers = TenCustomers();
        var model = SegmentModel.Fit(customers, AsOf);

        // Worked by hand: score = 1 + floor(5 * customers strictly worse / 10).
        // Recency: c0 has 9 less recent -> 5; c1 8 -> 5; c2 7 -> 4; c3 6 -> 4; c4 5 -> 3; c5 4 -> 3; c6 3 -> 2; c7 2 -> 2; c8 1 -> 1; c9 0 -> 1.
        int[] expectedR = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1];
        // Frequency: 10 has 8 below -> 5; 8 has 7 below -> 4; 7 has 6 below -> 4; 5 has 3 below -> 2 (all three);
        // 2 has 2 below -> 2; 1 has none below -> 1.
        int[] expectedF = [5, 5, 4, 4, 2, 2, 2, 2, 1, 1];
        int[] expectedM = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1];
        for (var i = 0; i < 10; i++)
            Assert.Equal(new RfmScore(expectedR[i], expectedF[i], expectedM[i]), model.ScoreRfm(customers[i]));
    }

    [Fact]
    public void Scores_do_not_depend_on_input_order()
    {
        var customers = TenCustomers();
        var reversed = Enumerable.Reverse(customers).ToList();
        var forward = SegmentModel.Fit(customers, AsOf);
        var backward = SegmentModel.Fit(reversed, AsOf);
        foreach (var c in customers) Assert.Equal(forward.ScoreRfm(c), backward.ScoreRfm(c));
    }

    [Fact]
    public void Default_names_follow_the_documented_grid()
    {
        var customers = TenCustomers();
        var model = SegmentModel.Fit(customers, AsOf);
        string Name(int i) => model.Assign(customers[i]).Single(k => k.Dimension == SegmentDimensions.Rfm).Value;

        Assert.Equal("Champions", Name(0));      // 5,5,5
        Assert.Equal("Champions", Name(2));      // 4,4,4
        Assert.Equal("Need attention", Name(4)); // 3,2,3: FM 2.5
        Assert.Equal("Hibernating", Name(6));    // 2,2,2
        Assert.Equal("Lost", Name(8));           // 1,1,1
    }

    [Theory]
    [InlineData(5, 1, 1, "New customers")]
    [InlineData(4, 1, 2, "Promising")]
    [InlineData(5, 2, 3, "Potential loyalists")]
    [InlineData(4, 3, 3, "Loyal")]
    [InlineData(3, 5, 5, "Loyal")]
    [InlineData(3, 1, 1, "About to sleep")]
    [InlineData(1, 5, 5, "Cannot lose them")]
    [InlineData(2, 4, 4, "Cannot lose them")]
    [InlineData(2, 3, 3, "At risk")]
    [InlineData(1, 2, 3, "At risk")]
    [InlineData(2, 1, 3, "Hibernating")]
    [InlineData(1, 2, 2, "Lost")]
    public void Grid_cells_have_their_documented_names(int r, int f, int m, string expected) =>
        Assert.Equal(expected, RfmOptions.Default.NameOf(new RfmScore(r, f, m)));

    [Fact]
    public void The_default_rules_name_every_score()
    {
        for (var r = 1; r <= 5; r++)
            for (var f = 1; f <= 5; f++)
                for (var m = 1; m <= 5; m++)
                    Assert.NotEqual(RfmOptions.Default.Fallback, RfmOptions.Default.NameOf(new RfmScore(r, f, m)));
    }

    [Fact]
    public void Custom_rules_match_first_and_fall_back()
    {
        var options = new RfmOptions
        {
            Rules = [new RfmRule("VIP", 5, 5, 5, 5), new RfmRule("Recent", 4, 5, 1, 5)],
            Fallback = "Rest",
        };
        Assert.Equal("VIP", options.NameOf(new RfmScore(5, 5, 5)));
        Assert.Equal("Recent", options.NameOf(new RfmScore(5, 4, 5)));
        Assert.Equal("Rest", options.NameOf(new RfmScore(3, 5, 5)));
    }

    [Fact]
    public void A_customer_without_purchases_has_the_worst_recency()
    {
        var customers = TenCustomers();
        customers.Add(new CustomerView { CustomerId = "never" });
        var model = SegmentModel.Fit(customers, AsOf);
        Assert.Equal(1, model.ScoreRfm(customers[^1]).Recency);
        Assert.Equal(5, model.ScoreRfm(customers[0]).Recency);
    }

    [Fact]
    public void Scores_match_the_quintile_definition_on_a_random_population_with_many_ties()
    {
        var random = new Random(3);
        var customers = Enumerable.Range(0, 997)
            .Select(i => Customer(i, random.Next(0, 40), random.Next(0, 12), random.Next(0, 30) * 10m)).ToList();
        var model = SegmentModel.Fit(customers, AsOf);

        var recency = customers.Select(c => (double)(AsOf.DayNumber - c.LastPurchase!.Value.DayNumber)).ToArray();
        var frequency = customers.Select(c => (double)c.PurchaseDays).ToArray();
        var monetary = customers.Select(c => (double)c.Revenue).ToArray();
        int Quintile(int strictlyWorse) => Math.Min(5, 1 + 5 * strictlyWorse / customers.Count);
        for (var i = 0; i < customers.Count; i++)
        {
            var expected = new RfmScore(
                Quintile(recency.Count(r => r > recency[i])),
                Quintile(frequency.Count(f => f < frequency[i])),
                Quintile(monetary.Count(m => m < monetary[i])));
            Assert.Equal(expected, model.ScoreRfm(customers[i]));
        }
    }
}
