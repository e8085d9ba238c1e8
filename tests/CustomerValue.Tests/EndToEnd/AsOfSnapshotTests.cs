using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerValue.Application.Snapshots;
using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.EndToEnd;

/// <summary>
/// The customer view as of a day, through real storage: a mixed data set (transactions with refunds, profiles with
/// channel and campaign, costs by channel, campaign, segment and customer, tickets, subscriptions, a survey).
/// </summary>
public sealed class AsOfSnapshotTests : PipelineTest
{
    private static readonly DateOnly T = new(2025, 6, 30);
    private static readonly DateOnly NewestRow = new(2025, 6, 22); // C21's refund
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task UploadAndWaitAsync(string kind, string name, string content)
    {
        await Pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"{kind}/{name}").UploadAsync(BinaryData.FromString(content));
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var id = await UploadIds.FromContentAsync(kind, stream, default);
        var ledger = Pipeline.Services.GetRequiredService<UploadLedger>();
        var entry = await Pipeline.EventuallyAsync(() => ledger.GetAsync(id, default), r => r?.Status is UploadStatus.Completed or UploadStatus.Failed, Patience, $"{kind}/{name}");
        Assert.True(UploadStatus.Completed == entry!.Status, $"{kind}/{name}: {entry.Failure}");
    }

    private async Task LoadMixedDataAsync()
    {
        var customers = new StringBuilder("customer_id,signup_date,plan,acquisition_channel,acquisition_cost,country,campaign\n");
        var transactions = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 30; i++)
        {
            var id = $"C{i:D2}";
            customers.Append(CultureInfo.InvariantCulture, $"{id},2025-01-{1 + i % 28:D2},{(i % 3 == 0 ? "pro" : "basic")},{(i % 2 == 0 ? "search" : "social")},{10 + i},{(i % 4 == 0 ? "DE" : "FR")},{(i % 5 == 0 ? "spring" : "")}\n");
            for (var t = 0; t < 1 + i % 3; t++) transactions.Append(CultureInfo.InvariantCulture, $"{id},2025-0{1 + (i + t) % 6}-{1 + (i * 7 + t) % 28:D2},{15 + i + t}.50\n");
            if (i % 7 == 0) transactions.Append(CultureInfo.InvariantCulture, $"{id},2025-06-{1 + i % 28:D2},-5.00\n");
        }
        await UploadAndWaitAsync("customers", "crm.csv", customers.ToString());
        await UploadAndWaitAsync("transactions", "orders.csv", transactions.ToString());
        await UploadAndWaitAsync("subscriptions", "subs.csv",
            "customer_id,plan,start_date,end_date,monthly_charges\nS1,month-to-month,2024-12-01,,20\nS2,one-year,2024-07-01,2025-03-31,50\nC01,month-to-month,2025-02-01,,9\n");
        await UploadAndWaitAsync("costs", "costs.csv",
            "date,category,amount,channel,campaign,segment,customer_id\n2025-01-15,marketing,300,search,,,\n2025-02-01,marketing,120,,spring,,\n2025-03-01,service,90,,,country:DE,\n2025-04-01,service,7,,,,C03\n");
        await UploadAndWaitAsync("tickets", "tickets.csv",
            "ticket_id,customer_id,opened_at,cost\nT1,C02,2025-02-03,12\nT2,S1,2025-05-05,8\nT3,C02,2025-06-01,4\n");
        await UploadAndWaitAsync("surveys", "nps.csv",
            "Timestamp,Customer ID,How likely are you to recommend us to a friend?,What could we improve?\n2025/05/01 10:00:00 AM GMT,C00,9,\"Great\"\n2025/05/02 10:00:00 AM GMT,S1,2,\"Too expensive\"\n");
    }

    /// <summary>Rows of every kind dated after T.</summary>
    private async Task LoadLaterDataAsync()
    {
        await UploadAndWaitAsync("transactions", "later.csv", "customer_id,date,amount\nC00,2025-08-01,500.00\nC01,2025-09-01,-15.00\nLATE,2025-10-10,70.00\n");
        await UploadAndWaitAsync("costs", "later-costs.csv", "date,category,amount,campaign\n2025-07-01,marketing,1000,spring\n");
        await UploadAndWaitAsync("tickets", "later-tickets.csv", "ticket_id,customer_id,opened_at,cost\nT9,C00,2025-07-02,99\n");
        await UploadAndWaitAsync("subscriptions", "later-subs.csv", "customer_id,plan,start_date,monthly_charges\nS9,two-year,2025-08-01,300\n");
        await UploadAndWaitAsync("surveys", "later-nps.csv",
            "Timestamp,Customer ID,How likely are you to recommend us to a friend?,What could we improve?\n2025/08/01 10:00:00 AM GMT,C02,0,\"Awful\"\n");
    }

    [Fact]
    public async Task A_snapshot_at_T_is_unchanged_by_later_uploads_and_its_segments_kpis_and_customer_pages_agree()
    {
        await LoadMixedDataAsync();
        var service = Pipeline.Services.GetRequiredService<KpiSnapshotService>();
        var source = Pipeline.Services.GetRequiredService<IReportDataSource>();
        var segments = Pipeline.Services.GetRequiredService<SegmentSnapshotStore>();
        var asOf = new DateTimeOffset(T.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var kpi = await service.TakeAsync(asOf, default);
        var snapshot = (await segments.GetAsync(T, default))!;
        var all = snapshot.Segments.Single(s => s.Segment == SegmentKey.Everyone);

        // Segments add up to "all" in every dimension, and "all" is the KPI snapshot's.
        foreach (var dimension in snapshot.Segments.Select(s => s.Segment.Dimension).Distinct().Where(d => d != SegmentKey.Everyone.Dimension))
        {
            var parts = snapshot.Segments.Where(s => s.Segment.Dimension == dimension).ToList();
            Assert.True(all.Customers == parts.Sum(s => s.Customers), $"customers of {dimension}");
            Assert.True(all.Revenue == parts.Sum(s => s.Revenue), $"revenue of {dimension}");
            Assert.True((all.Cost ?? 0) == parts.Sum(s => s.Cost ?? 0), $"cost of {dimension}");
        }
        Assert.Equal(all.Customers, kpi.Customers);
        Assert.Equal(all.Revenue, kpi.Revenue);
        Assert.Equal(all.TransactionRevenue, kpi.NetRevenue);
        Assert.Equal(all.SubscriptionRevenue, kpi.SubscriptionRevenue);
        Assert.Equal(all.Cost, kpi.Cost);
        Assert.Equal(all.Roi, kpi.Roi);
        Assert.Equal(NewestRow, kpi.DataThrough);

        // Every customer page is the customer's row, and the rows add up to the segment "all".
        var ids = Enumerable.Range(0, 30).Select(i => $"C{i:D2}").Concat(["S1", "S2"]).ToList();
        var pages = new List<CustomerReport>();
        foreach (var id in ids) pages.Add((await source.CustomerAsync(id, null, default))!);
        Assert.All(pages, p => Assert.Equal(T, p.AsOf));
        Assert.Equal(all.Revenue, pages.Sum(p => p.Revenue));
        Assert.Equal(all.Cost, pages.Sum(p => p.Cost ?? 0));
        var subscriber = pages.Single(p => p.CustomerId == "S1"); // subscription only: found, with its segments
        Assert.True(subscriber.SubscriptionRevenue > 0);
        Assert.Contains(subscriber.Segments, s => s.Dimension == "contract" && s.Value == "month-to-month");
        foreach (var page in pages)
            foreach (var segment in page.Segments)
                Assert.Contains(snapshot.Segments, s => s.Segment == segment);
        // The pages' cost split, activity and churn add up to the segment and KPI figures.
        Assert.Equal(all.Cost, pages.Sum(p => (p.AcquisitionCost ?? 0) + (p.AllocatedCost ?? 0) + (p.SupportCost ?? 0) + (p.ServiceCost ?? 0) + (p.OtherCost ?? 0)));
        Assert.Equal(kpi.ActiveCustomers, pages.Count(p => p.Active));
        Assert.Equal(all.ChurnRate!.Value, (double)pages.Count(p => p.Churned == true) / pages.Count(p => p.Churned is not null), 9);

        // CAC by channel and campaign, stored with the snapshot: from the same customer rows, the costs allocated by
        // channel and campaign (profile acquisition costs 10..39, marketing 300 on search and 120 on spring; service is not acquisition).
        var acquisition = snapshot.Acquisition!.ToDictionary(a => a.Group);
        var everyone = acquisition[SegmentKey.Everyone];
        Assert.Equal((pages.Count, 735m + 300m + 120m), (everyone.Customers, everyone.Spend));
        Assert.Equal(pages.Sum(p => (p.AcquisitionCost ?? 0) + (p.AllocatedAcquisitionCost ?? 0)), everyone.Spend);
        Assert.Equal(Math.Round(pages.Sum(p => p.Revenue + (p.PredictedClv ?? 0)) / pages.Count, 4), everyone.Ltv); // margin 1
        Assert.Equal(Math.Round(everyone.Ltv / everyone.Cac!.Value, 4), everyone.LtvToCac);
        foreach (var dimension in new[] { "channel", "campaign" })
        {
            var groups = snapshot.Acquisition!.Where(a => a.Dimension == dimension).ToList();
            Assert.True(everyone.Customers == groups.Sum(a => a.Customers), $"customers acquired by {dimension}");
            Assert.True(everyone.Spend == groups.Sum(a => a.Spend), $"acquisition spend by {dimension}");
        }
        Assert.Equal(15, acquisition[new("channel", "search")].Customers);
        // Search: its customers' own costs, the channel's 300, and the spring shares (120 / 6) of C00, C10 and C20.
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 2 == 0).Sum(i => 10m + i) + 300m + 3 * 20m, acquisition[new("channel", "search")].Spend);
        // Spring: its customers' own costs, the campaign's 120, and the search shares (300 / 15) of C00, C10 and C20.
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 5 == 0).Sum(i => 10m + i) + 120m + 3 * 20m, acquisition[new("campaign", "spring")].Spend);

        // Time travel: later uploads, the same day again: figure for figure the same.
        await LoadLaterDataAsync();
        var again = await service.TakeAsync(asOf, default);
        Assert.Equal(JsonSerializer.Serialize(kpi, Json), JsonSerializer.Serialize(again, Json));
        Assert.Equal(JsonSerializer.Serialize(snapshot.Segments, Json), JsonSerializer.Serialize((await segments.GetAsync(T, default))!.Segments, Json));
        Assert.Equal(JsonSerializer.Serialize(snapshot.Acquisition, Json), JsonSerializer.Serialize((await segments.GetAsync(T, default))!.Acquisition, Json));
        foreach (var page in pages)
            Assert.Equal(JsonSerializer.Serialize(page, Json), JsonSerializer.Serialize(await source.CustomerAsync(page.CustomerId, T, default), Json));

        // A later snapshot sees the later rows; the page follows `to`.
        await service.TakeAsync(asOf.AddMonths(5), default);
        Assert.Null(await source.CustomerAsync("LATE", T, default));
        Assert.Equal(T.AddMonths(5), (await source.CustomerAsync("LATE", null, default))!.AsOf);
    }

    [Fact]
    public async Task A_backfill_takes_one_snapshot_per_month_and_one_far_after_the_data_says_so()
    {
        await LoadMixedDataAsync();
        var service = Pipeline.Services.GetRequiredService<KpiSnapshotService>();
        var taken = await service.BackfillAsync(new DateOnly(2025, 1, 31), new DateOnly(2025, 12, 31), SnapshotEvery.Month, default);
        Assert.Equal(12, taken.Count);
        Assert.True(taken.Zip(taken.Skip(1)).All(p => p.First.Customers <= p.Second.Customers));
        var last = taken[^1];
        Assert.Equal(NewestRow, last.DataThrough);
        Assert.Contains(last.Warnings, w => w.Contains("2025-06-22"));
        Assert.Empty(taken.Single(s => s.AsOf.Month == 7).Warnings);
    }
}
