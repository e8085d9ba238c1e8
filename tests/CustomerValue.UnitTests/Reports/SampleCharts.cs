using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

/// <summary>One chart of every kind the reports draw, with figures like a small shop's.</summary>
internal static class SampleCharts
{
    private static readonly DateOnly Day = new(2026, 9, 7);

    public static LineChart Trend { get; } = new("chart-nps", "NPS over time", ChartAxis.NpsScore(),
        [new LineSeries("NPS", [new(Day, 28), new(Day.AddDays(7), 31.5), new(Day.AddDays(14), null), new(Day.AddDays(21), 35), new(Day.AddDays(28), 33.2)])]);

    public static BarChart RevenueAtRisk { get; } = new("chart-risk", "Revenue at risk by segment", "Segment", ChartAxis.Money("Revenue at risk", "EUR"),
    [
        new("RFM: Cannot lose them", 48_250.5, 120), new("RFM: At risk", 31_900, 210), new("Order size EUR 12.50-25.00", 12_400.75, 980),
        new("1 purchase", 8_100, 1_450), new("Top 10 % by CLV", 5_600, 310),
    ]);

    public static StackedBarChart NpsSplit { get; } = new("chart-nps-split", "Promoters, passives and detractors", "Segment", ChartAxis.Percent("Share of answers"),
        ["Promoters", "Passives", "Detractors"],
        [new("All customers", [46, 31, 23], 812), new("RFM: Champions", [71, 22, 7], 140), new("RFM: At risk", [18, 30, 52], 96)]);

    public static HeatMapChart Retention { get; } = new("chart-retention", "Cohort retention", "Acquisition month", "Months since acquisition",
        ChartAxis.Percent("Customers retained"), ["2026-05", "2026-06", "2026-07", "2026-08"], ["0", "1", "2", "3"],
        [[100, 62.5, 48, 41], [100, 58, 44.4, null], [100, 66.1, null, null], [100, null, null, null]], [240, 225, 251, 198]);

    public static ScatterChart SupportVsSatisfaction { get; } = new("chart-support", "Support cost against satisfaction", ChartAxis.Money("Support cost per customer", "EUR"),
        ChartAxis.Percent("CSAT"), [new("RFM: Champions", 4.2, 91, 140), new("RFM: At risk", 18.9, 62, 96), new("RFM: Lost", 11.5, 55, 60), new("Plan: pro", 7.8, 84, 300)]);

    public static IReadOnlyList<Chart> All { get; } = [Trend, RevenueAtRisk, NpsSplit, Retention, SupportVsSatisfaction];

    public static TheoryData<string> Ids() => [.. All.Select(c => c.Id)];

    public static Chart ById(string id) => All.Single(c => c.Id == id);
}
