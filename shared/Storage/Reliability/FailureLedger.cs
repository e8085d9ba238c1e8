using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Storage.Reliability;

public enum FailureStatus { Retrying, Poisoned, Replayed }

/// <summary>What failed: "metrics" (subject = the queue message) or "blob" (subject = the upload's blob path).</summary>
public static class FailureSources
{
    public const string Metrics = "metrics";
    public const string Blob = "blob";
    public const string Sentiment = "sentiment";
}

public sealed record FailureRecord(string Source, string Subject, FailureStatus Status, int Attempts, string Reason,
    DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt);

/// <summary>
/// The Failures table: one row per failing piece of work (partition = source, row = hash of the subject), so
/// every attempt of the same work updates one row. Work is never swallowed here: the caller's exception goes on
/// to the trigger engine, which retries and finally moves the message to its poison queue.
/// </summary>
public sealed partial class FailureLedger(StorageClients storage, TimeProvider clock, ILogger<FailureLedger> logger)
{
    private const int MaxReasonChars = 8000;
    private TableClient Table => storage.Table(StorageNames.Tables.Failures);

    private static string RowKeyOf(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)).AsSpan(0, 16));

    /// <summary>
    /// Runs the work inside a logging scope that names it (stage, message id, upload id, bucket, and for blob work a
    /// reference to the blob path, never the path: file names can carry names), with a line when it starts and when it
    /// ends; when it throws, records the attempt and lets the exception go on.
    /// </summary>
    public async Task RunRecordingAsync(string source, string subject, Func<Task> work, CancellationToken cancellationToken, string? messageId = null)
    {
        using var scope = logger.BeginScope(WorkScope.Of(source, subject, messageId, RowKeyOf(subject)));
        var started = Stopwatch.GetTimestamp();
        LogStarted(logger, source);
        try
        {
            await work();
            LogFinished(logger, source, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAttemptAsync(source, subject, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            throw;
        }
    }

    /// <summary>Reads a queue message as <typeparamref name="T"/> and runs the work on it, recording failures as above.</summary>
    public Task RunMessageAsync<T>(string source, string message, Func<T, Task> work, CancellationToken cancellationToken, string? messageId = null) where T : class =>
        RunRecordingAsync(source, message, () =>
        {
            var item = System.Text.Json.JsonSerializer.Deserialize<T>(message) ?? throw new InvalidDataException($"The {source} message is empty.");
            return work(item);
        }, cancellationToken, messageId);

    public async Task RecordAttemptAsync(string source, string subject, string reason, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(source, subject, cancellationToken);
        var now = clock.GetUtcNow();
        await SaveAsync(new FailureRecord(source, subject, FailureStatus.Retrying, (existing?.Attempts ?? 0) + 1,
            reason, existing?.FirstFailedAt ?? now, now), cancellationToken);
        LogAttempt(logger, source, (existing?.Attempts ?? 0) + 1);
    }

    public async Task MarkPoisonedAsync(string source, string subject, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(source, subject, cancellationToken);
        var now = clock.GetUtcNow();
        await SaveAsync((existing ?? new FailureRecord(source, subject, FailureStatus.Poisoned, 0,
            "the trigger engine gave up on it; no error was recorded (it may have timed out or crashed the process)", now, now))
            with { Status = FailureStatus.Poisoned, LastFailedAt = now }, cancellationToken);
        LogPoisoned(logger, source);
    }

    public async Task MarkReplayedAsync(FailureRecord failure, CancellationToken cancellationToken) =>
        await SaveAsync(failure with { Status = FailureStatus.Replayed }, cancellationToken);

    public async Task<IReadOnlyList<FailureRecord>> ListAsync(FailureStatus? status, CancellationToken cancellationToken)
    {
        var result = new List<FailureRecord>();
        await foreach (var e in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var record = FromEntity(e);
            if (status is null || record.Status == status) result.Add(record);
        }
        return result.OrderBy(r => r.FirstFailedAt).ToList();
    }

    /// <summary>When the work was last poisoned and not replayed since (it is parked for an operator); null otherwise.</summary>
    public async Task<DateTimeOffset?> PoisonedAtAsync(string source, string subject, CancellationToken cancellationToken) =>
        await GetAsync(source, subject, cancellationToken) is { Status: FailureStatus.Poisoned } poisoned ? poisoned.LastFailedAt : null;

    private async Task<FailureRecord?> GetAsync(string source, string subject, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(source, RowKeyOf(subject), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private Task SaveAsync(FailureRecord r, CancellationToken cancellationToken) =>
        Table.UpsertCheckedAsync(new TableEntity(r.Source, RowKeyOf(r.Subject))
        {
            ["Subject"] = r.Subject.Length > TableWriteRules.MaxStringChars ? r.Subject[..TableWriteRules.MaxStringChars] : r.Subject,
            ["Status"] = r.Status.ToString(),
            ["Attempts"] = r.Attempts,
            ["Reason"] = r.Reason.Length > MaxReasonChars ? r.Reason[..MaxReasonChars] : r.Reason,
            ["FirstFailedAt"] = r.FirstFailedAt,
            ["LastFailedAt"] = r.LastFailedAt,
        }, TableUpdateMode.Replace, cancellationToken);

    private static FailureRecord FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("Subject"), Enum.Parse<FailureStatus>(e.GetString("Status")), e.GetInt32("Attempts") ?? 0,
        e.GetString("Reason") ?? "", e.GetDateTimeOffset("FirstFailedAt") ?? default, e.GetDateTimeOffset("LastFailedAt") ?? default);

    [LoggerMessage(EventId = LogEvents.Functions + 1, Level = LogLevel.Debug, Message = "{Source} work started")]
    private static partial void LogStarted(ILogger logger, string source);

    [LoggerMessage(EventId = LogEvents.Functions + 2, Level = LogLevel.Debug, Message = "{Source} work finished in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, string source, long elapsedMs);

    [LoggerMessage(EventId = LogEvents.Functions + 3, Level = LogLevel.Warning, Message = "{Source} work failed (attempt {Attempt}); recorded in the Failures table")]
    private static partial void LogAttempt(ILogger logger, string source, int attempt);

    [LoggerMessage(EventId = LogEvents.Functions + 4, Level = LogLevel.Error, Message = "{Source} work poisoned after its last attempt; `roi failures` lists it")]
    private static partial void LogPoisoned(ILogger logger, string source);
}

/// <summary>
/// The logging scope of one piece of work: what a support engineer filters on to follow an upload through the stages.
/// Queue messages are read for their UploadId and Bucket; a blob path is shown only as the reference the Failures
/// table keys it by (<c>roi failures</c> shows the path itself to an operator).
/// </summary>
internal static class WorkScope
{
    public static IReadOnlyList<KeyValuePair<string, object?>> Of(string source, string subject, string? messageId, string subjectRef)
    {
        var scope = new List<KeyValuePair<string, object?>>(5) { new("Stage", source) };
        if (messageId is not null) scope.Add(new("MessageId", messageId));
        if (subject.StartsWith('{'))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(subject);
                if (json.RootElement.TryGetProperty("UploadId", out var uploadId)) scope.Add(new("UploadId", uploadId.GetString()));
                if (json.RootElement.TryGetProperty("Bucket", out var bucket) && bucket.TryGetInt32(out var b)) scope.Add(new("Bucket", b));
                if (json.RootElement.TryGetProperty("BlobPath", out _)) scope.Add(new("BlobRef", subjectRef));
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a message of ours: the work itself fails on it and says why.
            }
        }
        else
        {
            scope.Add(new("BlobRef", subjectRef));
        }
        return scope;
    }
}
