using System.Globalization;
using System.Text.Json;
using CustomerValue.Domain;
using CustomerValue.Metrics;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Snapshots;
using CustomerValue.Value;

namespace CustomerValue.Tests.Snapshots;

/// <summary>The customer view as of a day: nothing after the day counts, and any day inside the data can be snapshotted.</summary>
public class PointInTimeTests
{
    private static readonly DateOnly T = new(2025, 6, 30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CustomerPurchaseSummary Buys(string id, params (string Day, decimal Amount)[] lines)
    {
        var s = new CustomerPurchaseSummary(id);
        foreach (var (day, amount) in lines) s.Add(new Transaction(id, DateOnly.Parse(day, CultureInfo.InvariantCulture), amount));
        return s;
    }

    private static Dictionary<string, string> Campaign(string name) => new() { ["campaign"] = name };

    /// <summary>A mixed base: buyers with refunds, profiles with channel and campaign, subscriptions, tickets, surveys, costs of every scope.</summary>
    internal static CustomerBase MixedBase() => new()
    {
        Purchases =
        [
            Buys("A", ("2025-01-05", 100m), ("2025-02-10", 50m), ("2025-03-01", -20m), ("2025-05-20", 80m)),
            Buys("B", ("2025-01-20", 40m)),
            Buys("C", ("2024-11-02", 200m), ("2025-04-04", 60m), ("2025-06-30", 30m)),
            Buys("D", ("2025-02-14", 15m), ("2025-02-28", 15m)),
        ],
        Profiles =
        [
            new CustomerRecord("A", SignupDate: new(2025, 1, 1), Plan: "pro", AcquisitionChannel: "search", AcquisitionCost: 30m, Country: "DE", Attributes: Campaign("spring")),
            new CustomerRecord("B", SignupDate: new(2025, 1, 15), Plan: "basic", AcquisitionChannel: "social", AcquisitionCost: 12m, Country: "FR"),
            new CustomerRecord("C", Plan: "pro", AcquisitionChannel: "search", Country: "DE", Attributes: Campaign("spring")),
            new CustomerRecord("D", SignupDate: new(2025, 2, 1), Plan: "basic", AcquisitionChannel: "referral", Country: "DE"),
            new CustomerRecord("S1", SignupDate: new(2024, 6, 1), AcquisitionChannel: "search", AcquisitionCost: 50m),
        ],
        Subscriptions =
        [
            new SubscriptionRecord("S1", Plan: "month-to-month", Start: new(2024, 6, 1), RecurringValue: 20m, BillingPeriod: BillingPeriod.Monthly),
            new SubscriptionRecord("S2", Plan: "one-year", Start: new(2024, 9, 1), End: new(2025, 3, 31), RecurringValue: 100m, BillingPeriod: BillingPeriod.Quarterly),
            new SubscriptionRecord("B", Plan: "month-to-month", Start: new(2025, 2, 1), RecurringValue: 9m),
        ],
        Tickets =
        [
            new TicketRecord("A", new DateTime(2025, 2, 1, 9, 0, 0, DateTimeKind.Utc), Cost: 8m),
            new TicketRecord("S1", new DateTime(2025, 5, 5, 9, 0, 0, DateTimeKind.Utc), Cost: 12m),
            new TicketRecord("C", new DateTime(2025, 6, 30, 23, 0, 0, DateTimeKind.Utc), Cost: 4m),
        ],
        Surveys =
        [
            new SurveyResponse("r1", "A", null, new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc), true, 9, 5, null, [], new Dictionary<string, string>()),
            new SurveyResponse("r2", "S1", null, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), true, 3, 2, null, [], new Dictionary<string, string>()),
        ],
        Comments = [new CommentScore("r2", "S1", -0.6, "negative", [("price", -0.6)])],
        Costs =
        [
            new CostRecord(CostCategory.Marketing, 90m, Campaign: "spring", Date: new(2025, 1, 1)),
            new CostRecord(CostCategory.Marketing, 60m, Channel: "search", Period: "2025-Q1"),
            new CostRecord(CostCategory.Service, 24m, Segment: "country:DE", Period: "2025-03"),
            new CostRecord(CostCategory.Service, 7m, CustomerId: "D", Date: new(2025, 4, 1)),
            new CostRecord(CostCategory.Other, 5m, CustomerId: "B"),
        ],
    };

    /// <summary>Rows dated after <see cref="T"/> of every kind: none of them may change a figure of the view at T.</summary>
    private static CustomerBase WithLaterRows(CustomerBase data)
    {
        var a = Buys("A", ("2025-01-05", 100m), ("2025-02-10", 50m), ("2025-03-01", -20m), ("2025-05-20", 80m), ("2025-07-01", 500m), ("2025-08-01", -40m));
        return data with
        {
            Purchases = [a, .. data.Purchases.Skip(1), Buys("LATE", ("2025-09-09", 70m)), Buys("B", ("2026-01-01", 5m))],
            Profiles = [.. data.Profiles, new CustomerRecord("LATE", SignupDate: new(2025, 9, 1), Plan: "pro", AcquisitionChannel: "search", AcquisitionCost: 40m, Attributes: Campaign("spring"))],
            Subscriptions = [data.Subscriptions[0] with { CancelledOn = new(2025, 8, 31) }, .. data.Subscriptions.Skip(1),
                             new SubscriptionRecord("S3", Plan: "two-year", Start: new(2025, 7, 1), RecurringValue: 300m)],
            Tickets = [.. data.Tickets, new TicketRecord("A", new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), Cost: 99m)],
            Surveys = [.. data.Surveys, new SurveyResponse("r3", "A", null, new DateTime(2025, 7, 2, 0, 0, 0, DateTimeKind.Utc), true, 0, 1, null, [], new Dictionary<string, string>())],
            Comments = [.. data.Comments, new CommentScore("r3", "A", -0.9, "negative", [("service", -0.9)])],
            Costs = [.. data.Costs, new CostRecord(CostCategory.Marketing, 1000m, Campaign: "spring", Date: new(2025, 7, 1)),
                     new CostRecord(CostCategory.Service, 300m, Segment: "country:DE", Period: "2025-Q3")],
        };
    }

    private static (AssembledCustomers View, SegmentAnalysisResult Segments) Snapshot(CustomerBase data, DateOnly asOf)
    {
        var view = CustomerViewAssembler.Assemble(data, asOf, new ValueOptions());
        return (view, SegmentAnalysis.Run(view.Customers, asOf));
    }

    [Fact]
    public void A_snapshot_at_T_is_the_same_figure_for_figure_before_and_after_data_dated_later_is_added()
    {
        var before = Snapshot(MixedBase(), T);
        var after = Snapshot(WithLaterRows(MixedBase()), T);

        Assert.Equal(JsonSerializer.Serialize(before.View.Customers, Json), JsonSerializer.Serialize(after.View.Customers, Json));
        Assert.Equal(JsonSerializer.Serialize(before.Segments.Segments, Json), JsonSerializer.Serialize(after.Segments.Segments, Json));
        Assert.Equal(JsonSerializer.Serialize(before.Segments.Opportunities, Json), JsonSerializer.Serialize(after.Segments.Opportunities, Json));
        Assert.Equal(before.View.Warnings, after.View.Warnings);
        Assert.Equal(before.View.DataThrough, after.View.DataThrough);
        Assert.Equal(new DateOnly(2025, 6, 30), before.View.DataThrough);
        // And the later rows do count later: the view after T sees them.
        var later = Snapshot(WithLaterRows(MixedBase()), new DateOnly(2025, 12, 31)).View;
        Assert.Contains(later.Customers, c => c.CustomerId == "LATE");
        Assert.DoesNotContain(before.View.Customers, c => c.CustomerId == "LATE");
    }

    [Fact]
    public void Revenue_is_transactions_net_of_refunds_plus_subscriptions_billed_to_T_and_cost_has_its_parts()
    {
        var views = CustomerViewAssembler.Assemble(MixedBase(), T, new ValueOptions()).Customers.ToDictionary(c => c.CustomerId);

        var a = views["A"];
        Assert.Equal(100m + 50m - 20m + 80m, a.TransactionRevenue);
        Assert.Equal(0m, a.SubscriptionRevenue);
        // Acquisition 30; allocated: half the spring campaign's 90 (A and C), half the search channel's 60 (A, C and S1: a third),
        // a third of country:DE's 24 (A, C, D); support: the ticket's 8.
        Assert.Equal(30m, a.AcquisitionCost);
        Assert.Equal(45m + 20m + 8m, a.AllocatedCost);
        Assert.Equal(8m, a.SupportCost);
        Assert.Equal(30m + 73m + 8m, a.Cost);
        Assert.Equal((double)((210m - 111m) / 111m), a.Roi!.Value, 12);
        Assert.Equal(210m - 111m, a.HistoricalClv);

        // S1: monthly 20 from 2024-06-01 to 2025-06-30: 13 months billed; S2: quarterly 100 from 2024-09-01, ended 2025-03-31: 3 quarters.
        Assert.Equal(260m, views["S1"].SubscriptionRevenue);
        Assert.Equal(260m, views["S1"].Revenue);
        Assert.Equal(300m, views["S2"].Revenue);
        Assert.True(views["S2"].Churned);
        Assert.False(views["S1"].Churned);
        Assert.True(views["S1"].Active);
        Assert.Equal(5m, views["B"].OtherCost);
        Assert.Equal(7m, views["D"].ServiceCost);
        // B: transactions 40 and the month-to-month plan, 9 a month from 2025-02-01: 5 months.
        Assert.Equal(40m + 45m, views["B"].Revenue);
    }

    [Fact]
    public void Segments_add_up_to_all_and_every_customer_row_carries_the_view_and_its_segments()
    {
        var (view, analysis) = Snapshot(MixedBase(), T);
        var all = analysis.Segments.Single(s => s.Segment == SegmentKey.Everyone);
        Assert.Equal(view.Customers.Count, all.Customers);
        Assert.Equal(view.Customers.Sum(c => c.Revenue), all.Revenue);
        Assert.Equal(view.Customers.Sum(c => c.Cost ?? 0), all.Cost);
        Assert.Equal(all.Revenue, all.TransactionRevenue + all.SubscriptionRevenue);
        foreach (var dimension in analysis.Segments.Select(s => s.Segment.Dimension).Distinct().Where(d => d != SegmentKey.Everyone.Dimension))
        {
            var parts = analysis.Segments.Where(s => s.Segment.Dimension == dimension).ToList();
            Assert.True(all.Customers == parts.Sum(s => s.Customers), $"customers of {dimension}");
            Assert.True(all.Revenue == parts.Sum(s => s.Revenue), $"revenue of {dimension}");
            Assert.True((all.Cost ?? 0) == parts.Sum(s => s.Cost ?? 0), $"cost of {dimension}");
        }
        foreach (var customer in view.Customers)
        {
            var row = CustomerReport.Of(customer, analysis.Model.Assign(customer), T);
            Assert.Equal(customer.Revenue, row.Revenue);
            Assert.Equal(customer.Cost, row.Cost);
            Assert.Equal(customer.Roi, row.Roi);
            Assert.Equal(customer.PredictedClv, row.PredictedClv);
            Assert.Equal(customer.ProbabilityAlive, row.ProbabilityAlive);
            Assert.NotEmpty(row.Segments);
            foreach (var segment in row.Segments) Assert.Contains(analysis.Segments, s => s.Segment == segment);
        }
    }

    [Fact]
    public void Support_cost_per_customer_divides_by_all_customers_and_per_ticket_opener_by_the_openers()
    {
        var (view, analysis) = Snapshot(MixedBase(), T);
        var all = analysis.Segments.Single(s => s.Segment == SegmentKey.Everyone);
        Assert.Equal(Math.Round((8m + 12m + 4m) / view.Customers.Count, 4), all.SupportCostPerCustomer);
        Assert.Equal(Math.Round((8m + 12m + 4m) / 3, 4), all.SupportCostPerTicketOpener);
    }

    [Fact]
    public void A_snapshot_far_after_the_newest_data_says_so_with_the_date_the_data_runs_to()
    {
        var view = CustomerViewAssembler.Assemble(MixedBase(), new DateOnly(2026, 11, 30), new ValueOptions(), activeWindowDays: 90);
        Assert.True(view.Stale);
        Assert.Equal(new DateOnly(2025, 6, 30), view.DataThrough);
        Assert.Contains("2025-06-30", view.Warnings[0]);
        Assert.False(CustomerViewAssembler.Assemble(MixedBase(), new DateOnly(2025, 8, 1), new ValueOptions(), activeWindowDays: 90).Stale);
    }

    [Fact]
    public void Cost_lines_are_dated_by_their_date_or_the_first_day_of_their_period()
    {
        Assert.Equal(new DateOnly(2025, 4, 1), PointInTime.DateOf(new CostRecord(CostCategory.Other, 1, Period: "2025-Q2")));
        Assert.Equal(new DateOnly(2025, 3, 1), PointInTime.DateOf(new CostRecord(CostCategory.Other, 1, Period: "2025-03")));
        Assert.Equal(new DateOnly(2025, 1, 1), PointInTime.DateOf(new CostRecord(CostCategory.Other, 1, Period: "2025")));
        Assert.Equal(new DateOnly(2025, 5, 5), PointInTime.DateOf(new CostRecord(CostCategory.Other, 1, Date: new(2025, 5, 5), Period: "2025")));
        Assert.Null(PointInTime.DateOf(new CostRecord(CostCategory.Other, 1, Period: "spring")));
    }

    [Fact]
    public void The_definitions_document_states_every_definition_word_for_word()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "shared", "Core", "Value", "DEFINITIONS.md"));
        foreach (var (name, definition) in ValueDefinitions.All)
            Assert.Contains($"- **{name}**: {definition}", text);
    }
}

public class BackfillDaysTests
{
    [Fact]
    public void Month_ends_stay_month_ends_and_the_last_day_is_included()
    {
        var days = CustomerValue.Application.Snapshots.KpiSnapshotService.Days(new DateOnly(2025, 1, 31), new DateOnly(2025, 4, 30), CustomerValue.Application.Snapshots.SnapshotEvery.Month).ToList();
        Assert.Equal([new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28), new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 30)], days);
        Assert.Equal(3, CustomerValue.Application.Snapshots.KpiSnapshotService.Days(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 15), CustomerValue.Application.Snapshots.SnapshotEvery.Week).Count());
    }
}

public class SnapshotRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_backfill_needs_from_and_to_together_and_a_known_step()
    {
        var (ask, error) = CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, "1997-01-31", "1998-06-30", "week", Now);
        Assert.Null(error);
        Assert.Equal((new DateOnly(1997, 1, 31), new DateOnly(1998, 6, 30), CustomerValue.Application.Snapshots.SnapshotEvery.Week), (ask!.From, ask.To, ask.Every));
        Assert.Contains("go together", CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, "1997-01-31", null, null, Now).Problem!.Error);
        Assert.Contains("'every'", CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, "1997-01-31", "1997-12-31", "fortnight", Now).Problem!.Error);
        Assert.Contains("before", CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, "1998-01-31", "1997-12-31", null, Now).Problem!.Error);
        Assert.Equal(Now, CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, null, null, null, Now).Request!.AsOf);
        Assert.Equal("to", CustomerValue.Application.Snapshots.SnapshotRequest.Parse(null, null, "1998-06-30", null, Now).Problem!.Parameter); // the one given, without its pair
        Assert.Equal("asOf", CustomerValue.Application.Snapshots.SnapshotRequest.Parse("0001-01-01", null, null, null, Now).Problem!.Parameter);
    }
}

public class ContractValueInTheViewTests
{
    [Fact]
    public void Contract_customers_get_predicted_clv_and_a_churn_probability_from_their_cohort_and_churned_ones_none()
    {
        var subscriptions = new List<CustomerValue.Domain.SubscriptionRecord>();
        for (var i = 0; i < 40; i++)
        {
            var start = new DateOnly(2024, 1, 1).AddDays(i * 9);
            DateOnly? end = i % 3 == 0 ? start.AddMonths(2 + i % 5) : null;
            subscriptions.Add(new(($"M{i:D2}"), Plan: "month-to-month", Start: start, End: end, RecurringValue: 30m));
        }
        var view = CustomerViewAssembler.Assemble(new CustomerBase { Subscriptions = subscriptions }, new DateOnly(2025, 6, 30), new ValueOptions());
        var active = view.Customers.Where(c => c.Churned == false).ToList();
        var churned = view.Customers.Where(c => c.Churned == true).ToList();
        Assert.NotEmpty(active);
        Assert.NotEmpty(churned);
        Assert.All(active, c => Assert.True(c.PredictedClv > 0 && c.ChurnProbability is > 0 and < 1, c.CustomerId));
        Assert.All(churned, c => Assert.Equal(0m, c.PredictedClv));
        var all = CustomerValue.Segments.SegmentAnalysis.Run(view.Customers, new DateOnly(2025, 6, 30)).Segments.Single(s => s.Segment == CustomerValue.Reports.SegmentKey.Everyone);
        Assert.True(all.RevenueAtRisk > 0);
    }
}
