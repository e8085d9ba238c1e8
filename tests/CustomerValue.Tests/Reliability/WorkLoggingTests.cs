using CustomerValue.Ingestion;
using System.Collections.Concurrent;
using System.Text.Json;
using CustomerValue.Application;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Messages;
using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// What a support engineer reads, against a real Azurite: every line of a piece of work carries the scope of the
/// wrapper all blob and queue functions share (stage, message id, upload id, bucket; a blob only by reference), each
/// stage says when it starts and ends under its own block of event ids, and a first upload never says it was
/// "already counted".
/// </summary>
public sealed class WorkLoggingTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider captured = new();
    private AzuriteServices pipeline = null!;

    private StorageClients Storage => pipeline.Storage;
    private FailureLedger Failures => pipeline.Get<FailureLedger>();
    private UploadIngestionService Ingestion => pipeline.Get<UploadIngestionService>();

    public async Task InitializeAsync() =>
        pipeline = await AzuriteServices.StartAsync(logging: b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(captured));

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    [Fact]
    public async Task Blob_work_is_scoped_by_reference_and_upload_and_a_first_profile_upload_says_it_was_stored()
    {
        const string path = "customers/jane.doe@example.com.csv"; // a file name can carry personal data
        await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path)
            .UploadAsync(BinaryData.FromString("customer_id,signup_date,plan\nK1,2024-01-05,pro\n"));
        UploadLedgerEntryHolder holder = new();
        await Failures.RunRecordingAsync(FailureSources.Blob, path, async () => holder.Entry = await Ingestion.IngestAsync(path, default), default);

        var lines = captured.Lines.ToList();
        Assert.DoesNotContain(lines, l => l.Text.Contains("jane.doe") || l.Scope.Any(s => s.Value?.ToString()?.Contains("jane.doe") == true));
        Assert.All(lines, l => Assert.Contains(l.Scope, s => s.Key == "BlobRef"));
        Assert.Contains(lines, l => l.EventId == LogEvents.Functions + 1);
        Assert.Contains(lines, l => l.EventId == LogEvents.Functions + 2);
        Assert.Contains(lines, l => l.EventId == LogEvents.Ingestion + 1 && l.Text.Contains(holder.Entry!.UploadId));
        Assert.Contains(lines, l => l.EventId == LogEvents.Ingestion + 5 && l.Text.Contains("stored, complete"));
        Assert.DoesNotContain(lines, l => l.Text.Contains("already counted"));
        Assert.All(lines.Where(l => l.Category.StartsWith("CustomerValue.Application.Ingestion")), l => Assert.InRange(l.EventId, LogEvents.Ingestion, LogEvents.Ingestion + 999));

        // Delivered again, it is now true that it was counted already.
        captured.Clear();
        await Failures.RunRecordingAsync(FailureSources.Blob, path, () => Ingestion.IngestAsync(path, default), default);
        Assert.Contains(captured.Lines, l => l.Text.Contains("already counted; nothing to do"));
    }

    [Fact]
    public async Task Queue_work_is_scoped_by_message_id_upload_and_bucket_and_a_failure_keeps_the_scope()
    {
        var message = JsonSerializer.Serialize(new BucketWorkItem("u0123456789abcdef01234567", UploadKind.Transactions, 7));
        await Assert.ThrowsAsync<InvalidDataException>(() => Failures.RunMessageAsync<BucketWorkItem>(FailureSources.Metrics, message,
            work => pipeline.Get<CustomerValue.Application.Metrics.CustomerBucketReducer>().ReduceAsync(work, default), default, messageId: "m-42"));

        var failed = Assert.Single(captured.Lines, l => l.EventId == LogEvents.Functions + 3);
        Assert.Contains(new KeyValuePair<string, object?>("MessageId", "m-42"), failed.Scope);
        Assert.Contains(new KeyValuePair<string, object?>("UploadId", "u0123456789abcdef01234567"), failed.Scope);
        Assert.Contains(new KeyValuePair<string, object?>("Bucket", 7), failed.Scope);
        Assert.Contains(captured.Lines, l => l.EventId == LogEvents.Metrics + 1); // the stage said it started
    }

    private sealed class UploadLedgerEntryHolder
    {
        public CustomerValue.Storage.Uploads.UploadLedgerEntry? Entry { get; set; }
    }

    private sealed record Line(string Category, int EventId, string Text, IReadOnlyList<KeyValuePair<string, object?>> Scope);

    /// <summary>Keeps every line with the scope values in force when it was written.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
        private readonly ConcurrentQueue<Line> lines = new();
        public IEnumerable<Line> Lines => lines;
        public void Clear() => lines.Clear();
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new List<KeyValuePair<string, object?>>();
                owner.scopes.ForEachScope((s, list) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs);
                }, scope);
                owner.lines.Enqueue(new Line(category, eventId.Id, formatter(state, exception), scope));
            }
        }
    }
}
