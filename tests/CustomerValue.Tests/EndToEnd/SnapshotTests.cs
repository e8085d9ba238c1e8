using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.EndToEnd;

/// <summary>The nightly snapshot over real storage: segments from every kind of upload, and idempotent reruns.</summary>
public sealed class SnapshotTests : PipelineTest
{
    private static readonly DateTimeOffset AsOf = new(2025, 12, 31, 2, 0, 0, TimeSpan.Zero);
    private RunningPipeline pipeline => Pipeline;

    private async Task UploadAndWaitAsync(string kind, string name, string content)
    {
        await pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"{kind}/{name}").UploadAsync(BinaryData.FromString(content));
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var id = await UploadIds.FromContentAsync(kind, stream, default);
        var ledger = pipeline.Services.GetRequiredService<UploadLedger>();
        var entry = await pipeline.EventuallyAsync(() => ledger.GetAsync(id, default), r => r?.Status is UploadStatus.Completed or UploadStatus.Failed, Patience, $"{kind}/{name}");
        Assert.Equal(UploadStatus.Completed, entry!.Status);
    }

    /// <summary>60 customers: 40 on plan "pro", 20 on "basic"; every one buys; pro customers answer NPS 10, basic ones 3.</summary>
    private async Task LoadPopulationAsync()
    {
        var customers = new StringBuilder("customer_id,signup_date,plan,acquisition_channel,acquisition_cost\n");
        var transactions = new StringBuilder("customer_id,date,amount\n");
        var survey = new StringBuilder("Timestamp,Customer ID,How likely are you to recommend us to a friend?,What could we improve?\n");
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            var id = $"P{i:D3}";
            var pro = i < 40;
            customers.Append(CultureInfo.InvariantCulture, $"{id},2025-01-{1 + i % 28:D2},{(pro ? "pro" : "basic")},{(i % 2 == 0 ? "search" : "referral")},{(pro ? 50 : 20)}\n");
            for (var t = 0; t < 1 + i % 4; t++)
                transactions.Append(CultureInfo.InvariantCulture, $"{id},2025-{1 + random.Next(11):D2}-{1 + random.Next(28):D2},{20 + random.Next(80)}.00\n");
            survey.Append(CultureInfo.InvariantCulture, $"2025/12/0{1 + i % 9} 10:00:00 AM GMT,{id},{(pro ? 10 : 3)},\"{(pro ? "Nothing, it is great" : "Too expensive and support is slow")}\"\n");
        }
        await UploadAndWaitAsync("customers", "crm.csv", customers.ToString());
        await UploadAndWaitAsync("transactions", "orders.csv", transactions.ToString());
        await UploadAndWaitAsync("surveys", "nps.csv", survey.ToString());
    }

    [Fact]
    public async Task Segments_reflect_the_uploads_and_a_rerun_of_the_period_leaves_exactly_the_same_rows()
    {
        await LoadPopulationAsync();
        var service = pipeline.Services.GetRequiredService<KpiSnapshotService>();

        var kpi = await service.TakeAsync(AsOf, default);
        var first = await ReadRowsAsync();
        await service.TakeAsync(AsOf, default);
        var second = await ReadRowsAsync();

        Assert.Equal(first, second);
        Assert.Equal(60, kpi.Customers);
        // NPS: 40 promoters, 20 detractors of 60 -> (40 - 20) / 60 = 33.3
        Assert.Equal(100.0 * (40 - 20) / 60, kpi.Nps!.Value, 1);
        var snapshot = (await pipeline.Services.GetRequiredService<SegmentSnapshotStore>().GetAsync(DateOnly.FromDateTime(AsOf.UtcDateTime), default))!;
        var plans = snapshot.Segments.Where(s => s.Segment.Dimension == "plan").ToDictionary(s => s.Segment.Value);
        Assert.Equal(40, plans["pro"].Customers);
        Assert.Equal(20, plans["basic"].Customers);
        Assert.Equal(100, plans["pro"].Nps!.Value, 6);
        Assert.Equal(-100, plans["basic"].Nps!.Value, 6);
        Assert.Contains(plans["basic"].TopNegativeAspects, a => a.Topic is "price" or "support");
        Assert.Equal(40 * 50m + 20 * 20m, snapshot.Segments.Single(s => s.Segment == SegmentKey.Everyone).Cost);
    }

    private async Task<List<string>> ReadRowsAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { StorageNames.Tables.SegmentSnapshots, StorageNames.Tables.KpiSnapshots })
            await foreach (var e in pipeline.Storage.Table(table).QueryAsync<TableEntity>())
                rows.Add(table + "|" + e.PartitionKey + "|" + e.RowKey + "|" + string.Join(";", e.Where(p => p.Key is not ("Timestamp" or "odata.etag" or "AsOf"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
