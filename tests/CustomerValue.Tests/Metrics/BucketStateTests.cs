using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerValue.Application;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Uploads;
using CustomerValue.Metrics;
using CustomerValue.Storage;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Metrics;

/// <summary>
/// The compacted bucket state against a real Azurite: each upload is added to a bucket once, whatever is delivered
/// twice; a new version of a blob replaces the old content's contribution; a removed upload leaves the totals
/// exactly as if it had never been uploaded; concurrent reducers of one bucket lose nothing.
/// </summary>
public sealed class BucketStateTests : IAsyncLifetime
{
    private const int Buckets = 4;
    private AzuriteServices pipeline = null!;

    private StorageClients Storage => pipeline.Storage;
    private UploadIngestionService Ingestion => pipeline.Get<UploadIngestionService>();
    private CustomerBucketReducer Reducer => pipeline.Get<CustomerBucketReducer>();
    private CustomerTable Customers => pipeline.Get<CustomerTable>();
    private UploadLedger Ledger => pipeline.Get<UploadLedger>();

    public async Task InitializeAsync() => pipeline = await AzuriteServices.StartAsync(new Dictionary<string, string?>
    {
        ["Pipeline:CustomerBuckets"] = Buckets.ToString(CultureInfo.InvariantCulture),
        ["Pipeline:InlineReduceMaxRows"] = "0", // every bucket through the metrics queue, as a large upload goes
    });

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    private sealed record Line(string Customer, string Date, decimal Amount);

    /// <summary>Lines of many customers over a few days, refunds and free items included; a different mix per seed.</summary>
    private static List<Line> LinesOf(int seed, int count, int customers)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new Line(
            $"C{random.Next(customers):D3}",
            new DateOnly(2024, 1, 1).AddDays(random.Next(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            random.Next(10) switch { 0 => -random.Next(1, 500) / 100m, 1 => 0m, _ => random.Next(1, 100_000) / 100m })).ToList();
    }

    private async Task<string> WriteAsync(string path, IEnumerable<Line> lines)
    {
        var csv = new StringBuilder("customer_id,date,amount\n");
        foreach (var l in lines) csv.Append(l.Customer).Append(',').Append(l.Date).Append(',').Append(l.Amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path).UploadAsync(BinaryData.FromString(csv.ToString()), overwrite: true);
        return (await Ingestion.IngestAsync(path, default))!.UploadId;
    }

    /// <summary>Takes every message off the metrics queue; each is delivered <paramref name="deliveries"/> times, all at once.</summary>
    private async Task DrainMetricsAsync(int deliveries = 1)
    {
        var queue = Storage.Queue(StorageNames.Queues.Metrics);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0) return;
            var work = messages.Select(m => JsonSerializer.Deserialize<BucketWorkItem>(m.Body.ToString())!).ToList();
            await Task.WhenAll(Enumerable.Range(0, deliveries).SelectMany(_ => work).Select(w => Task.Run(() => Reducer.ReduceAsync(w, default))));
            foreach (var m in messages) await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }
    }

    /// <summary>What the Customers table says, per customer: lines, orders, gross, refunds, purchase days.</summary>
    private async Task<Dictionary<string, (int Lines, int Orders, decimal Gross, decimal Refunds, int Days)>> TableTotalsAsync()
    {
        var result = new Dictionary<string, (int, int, decimal, decimal, int)>();
        for (var b = 0; b < Buckets; b++)
            await foreach (var s in Customers.ReadBucketAsync(b, default))
                result[s.CustomerId] = (s.Lines, s.Orders, s.GrossRevenue, s.Refunds, s.PurchaseDays);
        return result;
    }

    /// <summary>The same figures, computed straight from the lines.</summary>
    private static Dictionary<string, (int Lines, int Orders, decimal Gross, decimal Refunds, int Days)> Expected(IEnumerable<Line> lines) =>
        lines.GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => (
            g.Count(), g.Count(l => l.Amount >= 0), g.Where(l => l.Amount > 0).Sum(l => l.Amount), g.Where(l => l.Amount < 0).Sum(l => -l.Amount),
            g.Where(l => l.Amount >= 0).Select(l => l.Date).Distinct().Count()));

    private async Task<int> ContainedCountAsync(string uploadId)
    {
        var count = 0;
        for (var b = 0; b < Buckets; b++) count += (await Customers.ContainedSlicesAsync(b, default)).Count(s => s.UploadId == uploadId);
        return count;
    }

    [Fact]
    public async Task Redelivered_triggers_and_bucket_messages_count_every_row_once()
    {
        var lines = LinesOf(1, 400, 150);
        var id = await WriteAsync("transactions/one.csv", lines);
        await Ingestion.IngestAsync("transactions/one.csv", default); // the trigger delivered again before any bucket ran
        await DrainMetricsAsync(deliveries: 3);
        await Ingestion.IngestAsync("transactions/one.csv", default); // and again after
        await DrainMetricsAsync(deliveries: 2);

        Assert.Equal(Expected(lines), await TableTotalsAsync());
        var record = await Ledger.GetAsync(id, default);
        Assert.Equal(UploadStatus.Completed, record!.Status);
        // Each bucket contains each slice of 99 customers once.
        var slices = lines.Select(l => l.Customer).Distinct().GroupBy(c => CustomerBuckets.Of(c, Buckets))
            .Sum(g => (g.Count() + CustomerTable.SliceSize - 1) / CustomerTable.SliceSize);
        Assert.Equal(slices, await ContainedCountAsync(id));
    }

    [Fact]
    public async Task A_new_version_of_a_blob_replaces_the_old_contribution_exactly()
    {
        var first = LinesOf(2, 300, 80);
        var second = LinesOf(3, 200, 80);
        var other = LinesOf(4, 100, 80);
        var firstId = await WriteAsync("transactions/daily.csv", first);
        await WriteAsync("transactions/other.csv", other);
        await DrainMetricsAsync();
        var secondId = await WriteAsync("transactions/daily.csv", second);
        await DrainMetricsAsync(deliveries: 2);

        Assert.Equal(Expected(second.Concat(other)), await TableTotalsAsync());
        Assert.Equal(UploadStatus.Removed, (await Ledger.GetAsync(firstId, default))!.Status);
        Assert.Equal(UploadStatus.Completed, (await Ledger.GetAsync(secondId, default))!.Status);
        Assert.Equal(0, await ContainedCountAsync(firstId));

        // The first content written again (under the same name) comes back, and the second leaves.
        Assert.Equal(firstId, await WriteAsync("transactions/daily.csv", first));
        await DrainMetricsAsync();
        Assert.Equal(Expected(first.Concat(other)), await TableTotalsAsync());
    }

    [Fact]
    public async Task A_removed_upload_leaves_the_totals_as_if_it_had_never_been_uploaded()
    {
        var kept = LinesOf(5, 250, 60);
        var removed = LinesOf(6, 250, 60);
        await WriteAsync("transactions/kept.csv", kept);
        var removedId = await WriteAsync("transactions/removed.csv", removed);
        await DrainMetricsAsync();
        Assert.Equal(Expected(kept.Concat(removed)), await TableTotalsAsync());

        var removal = pipeline.Get<UploadRemoval>();
        Assert.Equal(UploadStatus.Removing, (await removal.RemoveAsync(removedId, default))!.Status);
        await DrainMetricsAsync(deliveries: 2);

        Assert.Equal(Expected(kept), await TableTotalsAsync());
        Assert.Equal(UploadStatus.Removed, (await Ledger.GetAsync(removedId, default))!.Status);
        Assert.False(await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("transactions/removed.csv").ExistsAsync());
        Assert.Equal(0, await ContainedCountAsync(removedId));
    }

    [Fact]
    public async Task Concurrent_reducers_of_the_same_buckets_lose_no_update()
    {
        // Eight uploads over the same twenty customers: every bucket message of every upload runs at once.
        var uploads = Enumerable.Range(10, 8).Select(seed => LinesOf(seed, 60, 20)).ToList();
        var ids = new List<string>();
        for (var i = 0; i < uploads.Count; i++) ids.Add(await WriteAsync($"transactions/part-{i}.csv", uploads[i]));
        await DrainMetricsAsync(deliveries: 2);

        Assert.Equal(Expected(uploads.SelectMany(u => u)), await TableTotalsAsync());
        foreach (var id in ids) Assert.Equal(UploadStatus.Completed, (await Ledger.GetAsync(id, default))!.Status);
    }
}
