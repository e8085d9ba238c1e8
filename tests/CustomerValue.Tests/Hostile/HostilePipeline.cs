using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerValue.Storage;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.Hostile;

/// <summary>
/// One Azurite and one running pipeline shared by every hostile upload (starting a host per case would cost most
/// of the suite's time). Each case uses its own file names and customer ids, so cases do not see each other's rows,
/// and each ends with a clean upload that must complete with its totals: the hostile one stopped nothing.
/// </summary>
public sealed class HostilePipeline : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly AzuriteInstance azurite = new();
    private RunningPipeline? pipeline;

    public RunningPipeline Pipeline => pipeline ?? throw new InvalidOperationException("The pipeline is not started.");

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var settings = ApiTestKeys.Settings();
        // Every case waits for two uploads to be found: listing every 2 s instead of 10 saves most of that wait.
        settings[CustomerValue.Application.Settings.TimerSchedules.DiscoverySetting] = "*/2 * * * * *";
        pipeline = await RunningPipeline.StartOrStopAzuriteAsync(azurite, settings);
    }

    public Task DisposeAsync() => RunningPipeline.StopBothAsync(pipeline, azurite);

    public Task PutAsync(string path, byte[] content) =>
        Pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path).UploadAsync(BinaryData.FromBytes(content), overwrite: true);

    /// <summary>Uploads a file and waits until the ledger says it is finished (Completed or Failed).</summary>
    public async Task<UploadLedgerEntry> UploadAsync(string path, byte[] content)
    {
        await PutAsync(path, content);
        return await FinishedAsync(path.Split('/')[0], content);
    }

    public async Task<UploadLedgerEntry> FinishedAsync(string kind, byte[] content)
    {
        var uploadId = await UploadIds.FromContentAsync(kind, new MemoryStream(content), default);
        var ledger = Pipeline.Services.GetRequiredService<UploadLedger>();
        return (await Pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default),
            r => r?.Status is UploadStatus.Completed or UploadStatus.Failed, Patience, $"upload {uploadId} ({kind}) finished"))!;
    }

    public async Task<string> RejectedRowsAsync(string uploadId) =>
        (await Pipeline.Storage.Container(StorageNames.Containers.Rejected).GetBlobClient($"{uploadId}.csv").DownloadContentAsync()).Value.Content.ToString();

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Pipeline.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>The customer's page, as of a snapshot taken now (the page shows the customer as a snapshot stored them).</summary>
    public async Task<JsonElement?> CustomerAsync(string id)
    {
        await Pipeline.Services.GetRequiredService<CustomerValue.Application.Snapshots.KpiSnapshotService>().TakeAsync(DateTimeOffset.UtcNow, default);
        using var http = Client(ApiTestKeys.Read);
        using var response = await http.GetAsync($"/api/reports/customers/{Uri.EscapeDataString(id)}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A clean transactions upload after a hostile one: it completes, its two customers have exactly its totals,
    /// and the host's health endpoint answers.
    /// </summary>
    public async Task CleanUploadCompletesAsync(string tag)
    {
        var csv = $"customer_id,date,amount\n{tag}-1,2025-03-01,10.50\n{tag}-1,2025-03-08,4.25\n{tag}-2,2025-03-02,3\n";
        var entry = await UploadAsync($"transactions/clean-{tag}.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.Equal((UploadStatus.Completed, 3, 0), (entry.Status, entry.RowsAccepted, entry.RowsRejected));
        var first = await CustomerAsync($"{tag}-1");
        Assert.NotNull(first);
        Assert.Equal((14.75m, 2), (first.Value.GetProperty("revenue").GetDecimal(), first.Value.GetProperty("orders").GetInt32()));
        Assert.Equal(3m, (await CustomerAsync($"{tag}-2"))!.Value.GetProperty("revenue").GetDecimal());
        using var http = Client(ApiTestKeys.Read);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostilePipeline>
{
    public const string Name = "hostile uploads";
}
