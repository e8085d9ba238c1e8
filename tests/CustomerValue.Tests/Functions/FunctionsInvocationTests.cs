using CustomerValue.Application.Settings;
using CustomerValue.Ingestion;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Sentiment;
using CustomerValue.Functions.Hosting;
using CustomerValue.Functions.Ingestion;
using CustomerValue.Functions.Metrics;
using CustomerValue.Functions.Notifications;
using CustomerValue.Functions.Reliability;
using CustomerValue.Functions.Reports;
using CustomerValue.Functions.Sentiment;
using CustomerValue.Functions.Snapshots;
using CustomerValue.Storage;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Reliability;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace CustomerValue.Tests.Functions;

/// <summary>
/// The worker app's own service provider (<see cref="FunctionsAppServices"/>, as Program builds it) on a real
/// Azurite and a real SMTP server, with a set clock. The worker's invocation machinery is internal, so the
/// function classes are activated from that provider the way the worker does (constructor injection) and called
/// with the inputs the host would bind.
/// </summary>
public sealed class WorkerApp : IAsyncLifetime
{
    /// <summary>
    /// 08:00 UTC on a Monday: the daily 02:00 snapshot and the weekly 07:00 email are both of that day, so the email
    /// reads the snapshot the test takes (an email shows only snapshots up to its own period).
    /// </summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly AzuriteInstance azurite = new();
    public SmtpSink Smtp { get; } = new();
    public SettableClock Clock { get; } = new(Now);
    public ServiceProvider Services { get; private set; } = null!;
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();
    public const int Buckets = 4;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(azurite.InitializeAsync(), Smtp.InitializeAsync());
        var builder = new ConfigurationBuilder();
        builder.AddPipelineDefaults();
        var configuration = builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Pipeline:CustomerBuckets"] = Buckets.ToString(),
            ["Pipeline:InlineReduceMaxRows"] = "0", // every bucket through the metrics queue, as a large upload goes
            ["Reconciliation:MinAge"] = "00:00:00",
            ["Email:To"] = "ops@example.com",
            ["Email:From"] = "reports@example.com",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(),
            ["Email:Smtp:UseTls"] = "None",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration) // the worker's host registers it
            .AddSingleton<TimeProvider>(Clock);
        FunctionsAppServices.Configure(services, configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await Storage.EnsureCreatedAsync(default);
    }

    /// <summary>A function class as the worker activates it: constructor injection from the app's provider.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public async Task<string> UploadAsync(string path, string content)
    {
        await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path).UploadAsync(BinaryData.FromString(content), overwrite: true);
        return await UploadIds.FromContentAsync(UploadKindOf(path), new MemoryStream(Encoding.UTF8.GetBytes(content)), default);
    }

    private static string UploadKindOf(string path) => path[..path.IndexOf('/')];

    /// <summary>Takes every message waiting on a queue, as the host's queue trigger would, and deletes it.</summary>
    public async Task<List<string>> TakeAsync(string queueName)
    {
        var queue = Storage.Queue(queueName);
        var taken = new List<string>();
        QueueMessage[] batch;
        while ((batch = (await queue.ReceiveMessagesAsync(32)).Value).Length > 0)
            foreach (var m in batch)
            {
                taken.Add(m.Body.ToString());
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        return taken;
    }

    public async Task DisposeAsync()
    {
        if (Services is not null) await Services.DisposeAsync();
        await Smtp.DisposeAsync();
        await azurite.DisposeAsync();
    }
}

/// <summary>Each function class of the worker app, called through the app's own registrations with real inputs against Azurite.</summary>
public sealed class FunctionsInvocationTests(WorkerApp app) : IClassFixture<WorkerApp>
{
    private const string Transactions = "customer_id,date,amount\nA,2026-11-01,120.50\nB,2026-11-02,80\nA,2026-11-20,40\n";

    private static HttpContext Request(IServiceProvider services, string query = "", string method = "GET") =>
        new DefaultHttpContext { RequestServices = services, Request = { Method = method, QueryString = new QueryString(query) }, Response = { Body = new MemoryStream() } };

    private static async Task<(int Status, string ContentType, string Body)> ExecuteAsync(IResult result, HttpContext http)
    {
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, http.Response.ContentType ?? "", Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task An_upload_goes_from_the_blob_function_through_metrics_to_a_snapshot_the_endpoints_and_the_email()
    {
        var uploadId = await app.UploadAsync("transactions/worker-flow.csv", Transactions);

        // Blob trigger: the host binds the blob's stream and the path's {kind} and {name}.
        await using (var blob = await app.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("transactions/worker-flow.csv").OpenReadAsync())
            await app.Function<UploadBlobFunction>().RunAsync(blob, "transactions", "worker-flow.csv", default);
        var ledger = app.Services.GetRequiredService<UploadLedger>();
        var entry = await ledger.GetAsync(uploadId, default);
        Assert.NotNull(entry);
        Assert.Equal((3L, 0L), (entry.RowsAccepted, entry.RowsRejected));

        // Queue trigger: each bucket message the ingestion sent, as the host hands it over (a string).
        var bucketMessages = await app.TakeAsync(StorageNames.Queues.Metrics);
        Assert.NotEmpty(bucketMessages);
        foreach (var message in bucketMessages) await app.Function<CustomerMetricsFunction>().RunAsync(message, default);
        Assert.Equal(UploadStatus.Completed, (await ledger.GetAsync(uploadId, default))!.Status);
        var customers = app.Services.GetRequiredService<CustomerTable>();
        Assert.NotNull(await customers.GetAsync("A", WorkerApp.Buckets, default));
        Assert.NotNull(await customers.GetAsync("B", WorkerApp.Buckets, default));

        // Timer trigger: the worker's TimerInfo has no schedule; the occurrence comes from Snapshots:KpiSchedule (02:00 daily).
        await app.Function<KpiSnapshotFunction>().RunAsync(new WorkerTimerInfo(), default);
        var snapshot = await app.Services.GetRequiredService<KpiSnapshotStore>().LatestAsync(default);
        Assert.NotNull(snapshot);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), snapshot.AsOf);
        Assert.Equal(2, snapshot.Customers);
        Assert.Equal(240.50m, snapshot.GrossRevenue);
        var runs = await app.Services.GetRequiredService<TimerRunLog>().ListAsync(nameof(KpiSnapshotFunction), default);
        Assert.Contains(runs, r => r.Occurrence == snapshot.AsOf);

        // HTTP triggers: an ASP.NET Core request in, an IResult out, executed as the worker's HTTP proxy does.
        var reports = app.Function<ReportFunctions>();
        var http = Request(app.Services);
        var (status, type, body) = await ExecuteAsync(await reports.KpisReport(http.Request, default), http);
        Assert.Equal(200, status);
        Assert.StartsWith("application/json", type);
        Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("customers").GetInt32());

        http = Request(app.Services, "?format=csv");
        (status, type, body) = await ExecuteAsync(await reports.KpisReport(http.Request, default), http);
        Assert.Equal((200, "text/csv; charset=utf-8"), (status, type));
        Assert.Contains("240.5", body);

        http = Request(app.Services, "?format=html");
        (status, type, _) = await ExecuteAsync(await reports.KpisReport(http.Request, default), http);
        Assert.Equal((200, "text/html; charset=utf-8"), (status, type));
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.ContentSecurityPolicy));

        http = Request(app.Services);
        (status, _, body) = await ExecuteAsync(await reports.UploadStatus(http.Request, uploadId, default), http);
        Assert.Equal(200, status);
        Assert.Equal("Completed", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());

        // The email of Monday 07:00's occurrence, once: the send ledger keeps a rerun from sending again.
        await app.Function<KpiEmailFunction>().RunAsync(new WorkerTimerInfo(), default);
        await app.Function<KpiEmailFunction>().RunAsync(new WorkerTimerInfo(), default);
        var mail = Assert.Single(app.Smtp.Messages());
        Assert.EndsWith("2026-11-30", mail.GetProperty("subject").GetString());
        // Built from the snapshot this test took, not from any other one in the email's window.
        var text = mail.GetProperty("text").GetString()!;
        Assert.Contains("Data as of 2026-11-30", text);
        Assert.Matches(@"Customers\s+2\b", text);
    }

    [Fact]
    public async Task The_ingest_queue_function_ingests_the_blob_its_message_names()
    {
        var uploadId = await app.UploadAsync("transactions/worker-queued.csv", "customer_id,date,amount\nQ,2026-10-01,10\nbad-row\n");

        await app.Function<IngestQueueFunction>().RunAsync(JsonSerializer.Serialize(new IngestWorkItem("transactions/worker-queued.csv")), default);

        var entry = await app.Services.GetRequiredService<UploadLedger>().GetAsync(uploadId, default);
        Assert.NotNull(entry);
        Assert.Equal("transactions/worker-queued.csv", entry.BlobName);
        Assert.Equal((1L, 1L), (entry.RowsAccepted, entry.RowsRejected));
    }

    [Fact]
    public async Task The_sentiment_function_scores_the_comments_of_a_survey_upload()
    {
        var survey = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Surveys", "typeform.csv"));
        var uploadId = await app.UploadAsync("surveys/worker-typeform.csv", survey);
        await using (var blob = await app.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("surveys/worker-typeform.csv").OpenReadAsync())
            await app.Function<UploadBlobFunction>().RunAsync(blob, "surveys", "worker-typeform.csv", default);

        var message = Assert.Single(await app.TakeAsync(StorageNames.Queues.Sentiment));
        Assert.Equal(uploadId, JsonSerializer.Deserialize<SentimentWorkItem>(message)!.UploadId);
        await app.Function<SurveySentimentFunction>().RunAsync(message, default);

        var scored = await app.Services.GetRequiredService<SurveySentimentService>().ReadAsync([uploadId], default).ToListAsync();
        Assert.Contains(scored, s => s.Label == CustomerValue.Sentiment.SentimentLabel.Positive);
        Assert.Contains(scored, s => s.Label == CustomerValue.Sentiment.SentimentLabel.Negative);
    }

    [Fact]
    public async Task The_reconciliation_function_queues_an_upload_no_trigger_processed()
    {
        await app.UploadAsync("transactions/worker-missed.csv", "customer_id,date,amount\nM,2026-10-01,10\n");
        app.Clock.Now = DateTimeOffset.UtcNow.AddMinutes(1); // after the blob's last-modified time
        try
        {
            await app.Function<ReconciliationFunction>().RunAsync(new WorkerTimerInfo(), default);
        }
        finally
        {
            app.Clock.Now = WorkerApp.Now;
        }
        var queued = (await app.TakeAsync(StorageNames.Queues.Ingest)).SelectMany(m => JsonSerializer.Deserialize<IngestWorkItem>(m)!.BlobPaths);
        Assert.Contains("transactions/worker-missed.csv", queued);
    }

    [Fact]
    public async Task The_poison_functions_record_each_poisoned_message_under_its_subject()
    {
        var poison = app.Function<PoisonFunctions>();
        var bucket = JsonSerializer.Serialize(new BucketWorkItem("u-poison", UploadKind.Transactions, 3));
        await poison.MetricsAsync(bucket, default);
        await poison.IngestAsync(JsonSerializer.Serialize(new IngestWorkItem("transactions/worker-poison-ingest.csv")), default);
        await poison.BlobAsync("""{"Type":"BlobTrigger","FunctionId":"UploadBlobFunction","BlobType":"BlockBlob","ContainerName":"uploads","BlobName":"transactions/worker-poison-blob.csv","ETag":"0x1"}""", default);

        var poisoned = await app.Services.GetRequiredService<FailureLedger>().ListAsync(FailureStatus.Poisoned, default);
        Assert.Contains(poisoned, f => f.Source == FailureSources.Metrics && f.Subject == bucket);
        Assert.Contains(poisoned, f => f.Source == FailureSources.Blob && f.Subject == "transactions/worker-poison-ingest.csv");
        Assert.Contains(poisoned, f => f.Source == FailureSources.Blob && f.Subject == "transactions/worker-poison-blob.csv");
    }

    [Fact]
    public async Task The_http_functions_answer_bad_queries_unknown_ids_and_pii_with_the_right_status()
    {
        var reports = app.Function<ReportFunctions>();

        var http = Request(app.Services, "?from=2026-13-01");
        var (status, _, body) = await ExecuteAsync(await reports.SegmentsReport(http.Request, default), http);
        Assert.Equal(400, status);
        Assert.Contains("'from' must be a date", body);

        http = Request(app.Services);
        (status, _, body) = await ExecuteAsync(await reports.CustomerReport(http.Request, "nobody", default), http);
        Assert.Equal(404, status);
        Assert.Contains("nobody", body);

        http = Request(app.Services, "?pii=true");
        (status, _, _) = await ExecuteAsync(await reports.CustomerReport(http.Request, "A", default), http);
        Assert.Equal(403, status); // the host says a key was valid, not whose: unmasked data is not served here

        http = Request(app.Services);
        (status, _, _) = await ExecuteAsync(await reports.UploadStatus(http.Request, "no-such-upload", default), http);
        Assert.Equal(404, status);

        http = Request(app.Services, "?asOf=yesterday", "POST");
        (status, _, _) = await ExecuteAsync(await reports.TakeSnapshot(http.Request, default), http);
        Assert.Equal(400, status);

        http = Request(app.Services);
        (status, _, body) = await ExecuteAsync(reports.Health(http.Request), http);
        Assert.Equal(200, status);
        Assert.Equal("ok", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());

        http = Request(app.Services);
        (status, _, body) = await ExecuteAsync(reports.OpenApi(http.Request), http);
        Assert.Equal(200, status);
        var paths = JsonDocument.Parse(body).RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/manage/snapshot").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/reports/customers/{id}").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task The_snapshot_endpoint_takes_a_snapshot_as_of_the_moment_asked()
    {
        var http = Request(app.Services, "?asOf=2026-06-30", "POST");
        var (status, _, body) = await ExecuteAsync(await app.Function<ReportFunctions>().TakeSnapshot(http.Request, default), http);

        Assert.Equal(200, status);
        Assert.StartsWith("2026-06-30", JsonDocument.Parse(body).RootElement.GetProperty("asOf").GetString());
        var stored = await app.Services.GetRequiredService<KpiSnapshotStore>().HistoryAsync(new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30), default);
        Assert.Single(stored);
    }
}
