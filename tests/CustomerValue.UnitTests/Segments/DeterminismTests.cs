using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

public class DeterminismTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);
    private static readonly string[] Plans = ["basic", "plus", "pro"];
    private static readonly string[] Countries = ["US", "DE", "FR", "BR"];
    private static readonly string[] Topics = ["price", "support", "delivery", "app"];

    private static List<CustomerView> Generate(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var orders = random.Next(0, 12);
            var revenue = Math.Round((decimal)(random.NextDouble() * 500), 2);
            return new CustomerView
            {
                CustomerId = $"d{i}",
                Plan = random.Next(10) == 0 ? null : Plans[random.Next(Plans.Length)],
                Country = Countries[random.Next(Countries.Length)],
                AgeYears = random.Next(16, 80),
                Orders = orders,
                PurchaseDays = orders,
                Revenue = revenue,
                AverageTransactionSize = orders == 0 ? 0 : Math.Round(revenue / orders, 2),
                LastPurchase = orders == 0 ? null : AsOf.AddDays(-random.Next(0, 400)),
                Cost = random.Next(4) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 200), 2),
                PredictedClv = Math.Round((decimal)(random.NextDouble() * 300), 2),
                ChurnProbability = random.NextDouble(),
                Churned = random.Next(5) == 0,
                NpsScore = random.Next(3) == 0 ? random.Next(0, 11) : null,
                Csat = random.Next(3) == 0 ? random.Next(1, 6) : null,
                SentimentCompound = random.Next(2) == 0 ? random.NextDouble() * 2 - 1 : null,
                Aspects = random.Next(3) == 0 ? [new(Topics[random.Next(Topics.Length)], random.NextDouble() * 2 - 1)] : [],
            };
        })];
    }

    private static string Serialize(SegmentAnalysisResult r) => JsonSerializer.Serialize(
        new { r.Segments, r.Opportunities, r.KeyDrivers },
        new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });

    [Fact]
    public void The_same_input_gives_exactly_the_same_output_in_the_same_order()
    {
        var first = Serialize(SegmentAnalysis.Run(Generate(3000, 11), AsOf));
        var again = Serialize(SegmentAnalysis.Run(Generate(3000, 11), AsOf));
        Assert.Equal(first, again);
        Assert.NotEqual(first, Serialize(SegmentAnalysis.Run(Generate(3000, 12), AsOf)));
    }

    [Fact]
    public void Segment_membership_does_not_depend_on_input_order()
    {
        var customers = Generate(2000, 5);
        var shuffled = customers.OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        var a = SegmentAnalysis.Run(customers, AsOf).Segments.Select(s => (s.Segment, s.Customers, s.Revenue));
        var b = SegmentAnalysis.Run(shuffled, AsOf).Segments.Select(s => (s.Segment, s.Customers, s.Revenue));
        Assert.Equal(a, b);
    }
}
