using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.EndToEnd;

/// <summary>
/// The walking skeleton through the real host against a real Azurite: upload -> blob trigger -> ledger -> queue ->
/// per-customer aggregates -> timer snapshot -> GET /api/reports/kpis.
/// </summary>
public sealed class TransactionsSliceTests : PipelineTest
{
    private RunningPipeline pipeline => Pipeline;

    // A snapshot every second, so the test sees the timer's work without waiting for the nightly run.
    protected override IDictionary<string, string?> HostSettings => new Dictionary<string, string?> { ["Snapshots:KpiSchedule"] = "* * * * * *" };

    private sealed record Line(string Customer, DateOnly Date, decimal Amount);

    /// <summary>Transactions with refunds, a zero-value line and one bad row; seeded so a failure reproduces.</summary>
    private static (string Csv, List<Line> Good) MakeTransactions(int seed, int customers, int rows)
    {
        var random = new Random(seed);
        var good = new List<Line>();
        var csv = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < rows; i++)
        {
            var line = new Line($"C{seed}-{random.Next(customers):D4}", new DateOnly(2025, 1, 1).AddDays(random.Next(300)),
                i % 17 == 0 ? -Math.Round((decimal)random.NextDouble() * 20, 2) : Math.Round((decimal)random.NextDouble() * 100, 2));
            good.Add(line);
            csv.Append(line.Customer).Append(',').Append(line.Date.ToString("yyyy-MM-dd")).Append(',')
                .Append(line.Amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        csv.Append("C-bad,not-a-date,12.00\n");
        return (csv.ToString(), good);
    }

    private async Task UploadAsync(string name, string content)
    {
        var container = pipeline.Storage.Container(StorageNames.Containers.Uploads);
        await container.GetBlobClient($"transactions/{name}").UploadAsync(BinaryData.FromString(content), overwrite: true);
    }

    private async Task<JsonElement?> LatestKpisAsync()
    {
        var response = await pipeline.Http.GetAsync("/api/reports/kpis");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private static decimal Net(IEnumerable<Line> lines) => lines.Sum(l => l.Amount);

    private Task<JsonElement?> WaitForKpisAsync(int customers, decimal netRevenue) =>
        pipeline.EventuallyAsync(LatestKpisAsync,
            k => k is { } v && v.GetProperty("customers").GetInt32() == customers
                 && Math.Abs(v.GetProperty("netRevenue").GetDecimal() - netRevenue) < 0.005m,
            Patience, $"a KPI snapshot with {customers} customers and net revenue {netRevenue}");

    /// <summary>Waits until every queued bucket message has been taken and the ledger says Completed.</summary>
    private async Task WaitUntilSettledAsync(string uploadId)
    {
        var ledger = pipeline.Services.GetRequiredService<UploadLedger>();
        await pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default), r => r?.Status == UploadStatus.Completed, Patience, $"upload {uploadId} completed");
        var queue = pipeline.Storage.Queue(StorageNames.Queues.Metrics);
        await pipeline.EventuallyAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, Patience, "an empty metrics queue");
    }

    private static async Task<string> UploadIdOfAsync(string content)
    {
        await using var s = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await UploadIds.FromContentAsync("transactions", s, default);
    }

    [Fact]
    public async Task An_uploaded_file_reaches_the_kpi_report_with_independently_computed_totals()
    {
        var (csv, good) = MakeTransactions(seed: 1, customers: 60, rows: 500);
        await UploadAsync("first.csv", csv);

        var kpis = (await WaitForKpisAsync(good.Select(l => l.Customer).Distinct().Count(), Net(good)))!.Value;

        Assert.Equal(good.Count(l => l.Amount >= 0), kpis.GetProperty("orders").GetInt64());
        Assert.Equal(good.Where(l => l.Amount >= 0).Sum(l => l.Amount), kpis.GetProperty("grossRevenue").GetDecimal(), 2);
        var ledger = await pipeline.Http.GetFromJsonAsync<JsonElement>($"/api/uploads/{await UploadIdOfAsync(csv)}");
        Assert.Equal("Completed", ledger.GetProperty("status").GetString());
        Assert.Equal(501, ledger.GetProperty("rowsRead").GetInt64());
        Assert.Equal(1, ledger.GetProperty("rowsRejected").GetInt64());
        var rejected = await pipeline.Storage.Container(StorageNames.Containers.Rejected)
            .GetBlobClient($"{await UploadIdOfAsync(csv)}.csv").DownloadContentAsync();
        Assert.Contains("502,date,", rejected.Value.Content.ToString());
    }

    [Fact]
    public async Task The_same_file_twice_and_a_redelivered_trigger_do_not_double_any_total()
    {
        var (csv, good) = MakeTransactions(seed: 2, customers: 40, rows: 300);
        var uploadId = await UploadIdOfAsync(csv);
        await UploadAsync("twice-a.csv", csv);
        await WaitUntilSettledAsync(uploadId);

        await UploadAsync("twice-b.csv", csv); // same content under another name
        var ingestion = pipeline.Services.GetRequiredService<UploadIngestionService>();
        await ingestion.IngestAsync("transactions/twice-a.csv", default); // the trigger firing again for one blob
        await ingestion.IngestAsync("transactions/twice-b.csv", default);
        await WaitUntilSettledAsync(uploadId);

        var snapshot = await pipeline.Services.GetRequiredService<KpiSnapshotService>()
            .TakeAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), default);
        Assert.Equal(good.Select(l => l.Customer).Distinct().Count(), snapshot.Customers);
        Assert.Equal(Net(good), snapshot.NetRevenue, 2);
        Assert.Equal(good.Count(l => l.Amount >= 0), snapshot.Orders);
    }

    [Fact]
    public async Task A_new_version_of_a_blob_replaces_its_old_contribution()
    {
        var (oldCsv, _) = MakeTransactions(seed: 3, customers: 30, rows: 200);
        var (newCsv, newGood) = MakeTransactions(seed: 4, customers: 30, rows: 150);
        await UploadAsync("versioned.csv", oldCsv);
        await WaitUntilSettledAsync(await UploadIdOfAsync(oldCsv));

        await UploadAsync("versioned.csv", newCsv);
        await WaitUntilSettledAsync(await UploadIdOfAsync(newCsv));

        var snapshot = await pipeline.Services.GetRequiredService<KpiSnapshotService>()
            .TakeAsync(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), default);
        Assert.Equal(newGood.Select(l => l.Customer).Distinct().Count(), snapshot.Customers);
        Assert.Equal(Net(newGood), snapshot.NetRevenue, 2);
    }
}
