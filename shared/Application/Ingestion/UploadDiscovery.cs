using System.ComponentModel.DataAnnotations;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Ingestion;

/// <summary>Settings section "Discovery".</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Discovery";
    /// <summary>How often the uploads container is listed for blobs not yet ingested (a six-field cron, seconds first).</summary>
    public string Schedule { get; set; } = "*/10 * * * * *";
    /// <summary>A blob queued once is queued again only if it is still unseen after this long (its message may have been lost with a crash).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How many ingest messages are sent at once.</summary>
    [Range(1, 256)]
    public int SendParallelism { get; set; } = 32;
    /// <summary>
    /// The ingest queue is filled up to this many messages and no further; the rest of a burst waits in the container
    /// (the backlog `roi uploads list` shows) for the next run. A queue of tens of thousands of messages gains nothing
    /// and costs the storage emulator a scan of them all on every receive.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxQueued { get; set; } = 1_000;
    /// <summary>
    /// Small blobs are queued this many to a message (each still ingested as its own upload, its failure its own):
    /// a burst of small files costs the queue a tenth of the messages to send, receive and delete.
    /// </summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 10;
    /// <summary>A blob larger than this gets a message of its own.</summary>
    [Range(0, int.MaxValue)]
    public int BatchMaxBytes { get; set; } = 256 * 1024;
}

/// <summary>
/// The fast way in for files written by any tool: lists the uploads container (5,000 names a page) and queues an
/// ingest message for every blob whose current version the blob index has not seen, in parallel. The local engine's
/// blob trigger discovers a burst of files at about 1.5 a second; one listing finds ten thousand in seconds. The
/// blob trigger stays (in Azure it is the Event Grid trigger); whichever ingests a blob second finds the work done.
/// Unlike the reconciliation sweep, it has no minimum age, and it queues each unseen version once per
/// <see cref="DiscoveryOptions.RequeueAfter"/> per instance, so a long backlog is not queued again every run, and
/// only up to <see cref="DiscoveryOptions.MaxQueued"/> messages waiting at once.
/// </summary>
public sealed partial class UploadDiscovery(StorageClients storage, CustomerValue.Application.Uploads.UploadBlobListing listing, UploadBlobIndex blobIndex, FailureLedger failures,
    IOptions<DiscoveryOptions> options, ILogger<UploadDiscovery> logger)
{
    private readonly ConcurrentDictionary<(string Blob, string ETag), DateTimeOffset> queued = new();

    /// <returns>How many blobs it queued.</returns>
    public async Task<int> DiscoverAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ingest = storage.Queue(StorageNames.Queues.Ingest);
        // Counted in blobs, as if every waiting message were a full batch (an estimate from above).
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var room = options.Value.MaxQueued - (await ingest.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount * batchSize;
        // A full queue takes nothing: the listings below (the container, the blob index, the failures) would be read
        // for nothing, and during a burst they are the largest requests the storage serves.
        if (room <= 0) return 0;

        var seen = new Dictionary<string, BlobIndexEntry>(StringComparer.Ordinal);
        await foreach (var entry in blobIndex.ListAsync(cancellationToken)) seen[entry.BlobName] = entry;
        // Poisoned blobs stay parked until written again (the reconciliation sweep applies the same rule).
        var parked = (await failures.ListAsync(FailureStatus.Poisoned, cancellationToken))
            .Where(f => f.Source == FailureSources.Blob).ToDictionary(f => f.Subject, f => f.LastFailedAt, StringComparer.Ordinal);
        var fresh = new List<string>();
        var small = new HashSet<string>(StringComparer.Ordinal);
        var listed = 0;
        await foreach (var blob in listing.ListAsync(now, cancellationToken))
        {
            listed++;
            if (UploadIngestionService.IsMappingFile(blob.Name)) continue;
            var etag = blob.Properties.ETag?.ToString() ?? "";
            if (seen.TryGetValue(blob.Name, out var indexed) && indexed.IsAt(blob.Properties.ETag)) continue;
            if (parked.TryGetValue(blob.Name, out var poisoned) && !(blob.Properties.LastModified > poisoned)) continue;
            if (queued.TryGetValue((blob.Name, etag), out var at) && now - at < options.Value.RequeueAfter) continue;
            if (fresh.Count >= room) continue; // counted as listed; queued by a later run
            queued[(blob.Name, etag)] = now;
            fresh.Add(blob.Name);
            if (blob.Properties.ContentLength <= options.Value.BatchMaxBytes) small.Add(blob.Name);
        }
        foreach (var old in queued.Where(q => now - q.Value >= options.Value.RequeueAfter).Select(q => q.Key).ToList()) queued.TryRemove(old, out _);

        var messages = fresh.Where(small.Contains).Chunk(batchSize).Select(b => new IngestWorkItem(b[0], b.Length > 1 ? b[1..] : null))
            .Concat(fresh.Where(n => !small.Contains(n)).Select(n => new IngestWorkItem(n)));
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendParallelism, CancellationToken = cancellationToken },
            async (work, ct) => await ingest.SendMessageAsync(JsonSerializer.Serialize(work), ct));
        if (fresh.Count > 0) LogQueued(logger, fresh.Count, listed);
        return fresh.Count;
    }

    [LoggerMessage(EventId = LogEvents.Ingestion + 20, Level = LogLevel.Information, Message = "Discovery queued {Count} blobs not yet ingested (of {Listed} listed)")]
    private static partial void LogQueued(ILogger logger, int count, int listed);
}
