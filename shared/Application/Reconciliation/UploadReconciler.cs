using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using CustomerValue.Application.Ingestion;
using CustomerValue.Ingestion;

namespace CustomerValue.Application.Reconciliation;

/// <summary>Settings section "Reconciliation".</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";
    public string Schedule { get; set; } = "0 */5 * * * *";
    /// <summary>How long a blob may sit without a ledger entry before the sweep queues it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MinAge { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// How long an upload may sit Processing or Aggregating without progress before the sweep re-drives it.
    /// A message in flight when its process dies stays invisible for the trigger engine's lease (minutes); this
    /// bounds the time to recover instead. Re-driving is safe because every step is idempotent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The blob trigger's container scan can miss blobs under load. This sweep queues every upload whose current
/// content has no index entry after <see cref="ReconciliationOptions.MinAge"/>, so nothing uploaded is lost.
/// Work that was poisoned stays parked for an operator (`roi failures`, `roi replay`) instead of failing again on
/// every sweep; a blob uploaded again after it was poisoned is new content and is swept.
/// </summary>
public sealed partial class UploadReconciler(
    StorageClients storage, UploadBlobIndex blobIndex, UploadLedger ledger, FailureLedger failures,
    IOptions<ReconciliationOptions> options, ILogger<UploadReconciler> logger)
{
    /// <summary>Queues missed blobs and re-drives stalled uploads.</summary>
    public async Task<IReadOnlyList<string>> ReconcileAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var swept = await SweepAsync(now, cancellationToken);
        await RedriveStalledAsync(now, cancellationToken);
        return swept;
    }

    /// <summary>Uploads that stopped moving: Processing ones are ingested again, Aggregating ones get their missing buckets queued.</summary>
    public async Task<int> RedriveStalledAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redriven = 0;
        foreach (var record in await ledger.StalledAsync(now - options.Value.StallAfter, cancellationToken))
        {
            if (record.Status == UploadStatus.Processing)
            {
                if (await failures.PoisonedAtAsync(FailureSources.Blob, record.BlobName, cancellationToken) is not null) continue;
                await storage.Queue(StorageNames.Queues.Ingest).SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(record.BlobName)), cancellationToken);
            }
            else if (record.Kind is not { } kind)
            {
                // A row whose kind no longer reads (written by hand, or by a newer version) cannot be re-driven: park it, named.
                await ledger.SaveAsync(record with { Status = UploadStatus.Failed, Failure = $"{record.BlobName}: the ledger names no kind of upload, so its work cannot be re-driven; upload the file again under uploads/<kind>/." }, cancellationToken);
                LogKindless(logger, record.UploadId);
                continue;
            }
            else if (kind == UploadKind.Surveys)
            {
                var message = JsonSerializer.Serialize(new SentimentWorkItem(record.UploadId));
                if (await failures.PoisonedAtAsync(FailureSources.Sentiment, message, cancellationToken) is not null) continue;
                await storage.Queue(StorageNames.Queues.Sentiment).SendMessageAsync(message, cancellationToken);
            }
            else
            {
                var queued = 0;
                foreach (var bucket in await ledger.MissingChunksAsync(record, cancellationToken))
                {
                    var message = JsonSerializer.Serialize(new BucketWorkItem(record.UploadId, kind, bucket));
                    if (await failures.PoisonedAtAsync(FailureSources.Metrics, message, cancellationToken) is not null) continue;
                    await storage.Queue(StorageNames.Queues.Metrics).SendMessageAsync(message, cancellationToken);
                    queued++;
                }
                if (queued == 0) continue; // every missing bucket is parked
            }
            await ledger.SaveAsync(record, cancellationToken); // moves UpdatedAt: one re-drive per stall period
            redriven++;
        }
        if (redriven > 0) LogRedriven(logger, redriven);
        return redriven;
    }

    /// <returns>The blob paths it queued.</returns>
    public async Task<IReadOnlyList<string>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = new List<string>();
        var ingest = storage.Queue(StorageNames.Queues.Ingest);
        await foreach (var blob in ListUploadsAsync(now, cancellationToken))
        {
            if (UploadIngestionService.IsMappingFile(blob.Name)) continue;
            if (blob.Properties.LastModified is { } modified && now - modified < options.Value.MinAge) continue;
            var entry = await blobIndex.GetAsync(UploadKinds.OfFolder(blob.Name), blob.Name, cancellationToken);
            if (entry is not null && entry.IsAt(blob.Properties.ETag)) continue;
            // Parked until written again. Blob times are whole seconds, so a blob written in the second it was poisoned
            // stays parked here; its new ETag still fires the blob trigger.
            if (await failures.PoisonedAtAsync(FailureSources.Blob, blob.Name, cancellationToken) is { } poisoned
                && !(blob.Properties.LastModified > poisoned)) continue;
            await ingest.SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(blob.Name)), cancellationToken);
            queued.Add(blob.Name);
        }
        if (queued.Count > 0) LogQueued(logger, queued.Count);
        return queued;
    }

    private const int ListPageSize = 500;

    /// <summary>
    /// Every blob of the uploads container, page by page. A page the service cannot list (Azurite answers 500 to a
    /// name holding a character XML cannot carry, where Azure encodes it) is walked one name at a time; the name that
    /// fails is recorded as a failed upload by the part of its name that can be listed, and the listing goes on after it.
    /// </summary>
    private async IAsyncEnumerable<(string Name, BlobItemProperties Properties)> ListUploadsAsync(
        DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.Containers.Uploads);
        string? marker = null;
        var pageSize = ListPageSize;
        while (true)
        {
            var (page, status) = await PageAfterAsync(container, marker, pageSize, cancellationToken);
            if (page is null && pageSize > 1)
            {
                pageSize = 1; // walk up to the name that fails
                continue;
            }
            if (page is null)
            {
                // Found once (character by character, hundreds of listings), then skipped at once by every later sweep.
                var after = marker ?? "";
                if (!Unlistable.TryGetValue(after, out var found) || !await FailsAfterAsync(container, after, cancellationToken))
                {
                    found = await UnlistableNameAfterAsync(container, after, cancellationToken)
                        ?? throw new RequestFailedException(status, "The uploads container cannot be listed.");
                    Unlistable[after] = found;
                    LogUnlistable(logger, found.Known, status);
                }
                var (known, skipTo) = found;
                await RecordUnlistableAsync(known, now, cancellationToken);
                (marker, pageSize) = (skipTo, ListPageSize);
                continue;
            }
            foreach (var blob in page.Values) yield return (blob.Name, blob.Properties);
            if (string.IsNullOrEmpty(page.ContinuationToken)) yield break;
            marker = pageSize == 1 ? page.Values[^1].Name : page.ContinuationToken;
            pageSize = ListPageSize;
        }
    }

    /// <summary>A failed upload for a name the service cannot list, keyed by the part of the name that can be.</summary>
    private async Task RecordUnlistableAsync(string knownPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uploadId = UploadIds.ForUnlistableName(knownPrefix);
        if (await ledger.GetAsync(uploadId, cancellationToken) is not null) return;
        await ledger.SaveAsync(new UploadLedgerEntry
        {
            UploadId = uploadId, Kind = UploadKinds.OfFolder(knownPrefix), BlobName = knownPrefix + "\u2026", Status = UploadStatus.Failed, ReceivedAt = now,
            Failure = $"uploads/{knownPrefix}\u2026: the blob name holds control characters or others that the storage service cannot list; "
                      + "it cannot be read. Delete it and upload the file under a plain name.",
        }, cancellationToken);
    }

    /// <returns>The first page after the marker, or null and the status when the service cannot list it.</returns>
    private static async Task<(Page<BlobItem>? Page, int Status)> PageAfterAsync(BlobContainerClient container, string? marker, int size, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(marker, size).WithCancellation(cancellationToken))
                return (page, 200);
            return (null, 200);
        }
        catch (RequestFailedException e) when (e.Status >= 500)
        {
            return (null, e.Status);
        }
        // Azurite's 500 to such a listing has an empty body, which the SDK fails to parse as an error document.
        catch (System.Xml.XmlException)
        {
            return (null, 500);
        }
    }

    /// <summary>
    /// The name after <paramref name="after"/> that a listing cannot return: the part of it that can be listed and a
    /// marker to go on from past it. A listing of one name after a marker m fails exactly while after &lt;= m &lt; that
    /// name, so it is found one character at a time; a marker must itself be listable (Azurite echoes it in XML), which
    /// ends the search at the first character that cannot be. Relies on a marker being a name, as in Azurite, the only
    /// service that fails this way; null when the next name lists fine.
    /// </summary>
    private static async Task<(string Known, string SkipTo)?> UnlistableNameAfterAsync(BlobContainerClient container, string after, CancellationToken cancellationToken)
    {
        Task<bool> FailsAfter(string m) => FailsAfterAsync(container, m, cancellationToken);
        // Whether the failing name's next character (after name) is above c.
        Task<bool> Above(string name, int c) => FailsAfter(name + (char)c + Top);

        if (!await FailsAfter(after)) return null;
        var name = "";
        for (var k = 0; k < Storage.Uploads.UploadPaths.MaxLength * 4; k++)
        {
            var low = 0;
            if (k < after.Length && after.StartsWith(name, StringComparison.Ordinal))
            {
                if (!await Above(name, after[k])) { name += after[k]; continue; } // still on the marker's path
                low = XmlChars.IndexOf(after[k]) + 1;
            }
            // The smallest listable character c with the failing name's next character not above it.
            var high = XmlChars.Count - 1;
            if (low > high || await Above(name, XmlChars[high])) return null;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (await Above(name, XmlChars[mid])) low = mid + 1; else high = mid;
            }
            var c = (char)XmlChars[low];
            // Either the name goes on with c, or its next character is one that cannot be listed, just below c.
            if (await FailsAfter(name + c)) { name += c; continue; }
            return (name, name + c);
        }
        return null;
    }

    /// <summary>Whether listing the one name after the marker fails.</summary>
    private static async Task<bool> FailsAfterAsync(BlobContainerClient container, string marker, CancellationToken cancellationToken) =>
        (await PageAfterAsync(container, marker, 1, cancellationToken)) is (null, >= 500);

    /// <summary>Unlistable names found, by the marker they follow (per process; a sweep checks the marker still fails).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Known, string SkipTo)> Unlistable = new(StringComparer.Ordinal);

    private const char Top = '\uFFFD';

    /// <summary>The characters XML 1.0 can carry (tab, line feed, carriage return, U+0020..U+D7FF, U+E000..U+FFFD), in order.</summary>
    private static readonly CharRanges XmlChars = new([(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0xD7FF), (0xE000, 0xFFFD)]);

    private sealed class CharRanges((int From, int To)[] ranges)
    {
        public int Count { get; } = ranges.Sum(r => r.To - r.From + 1);

        public int this[int index]
        {
            get
            {
                foreach (var (from, to) in ranges)
                {
                    if (index <= to - from) return from + index;
                    index -= to - from + 1;
                }
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>The position of c, or of the last character below it when c is not in the ranges.</summary>
        public int IndexOf(int c)
        {
            var index = -1;
            foreach (var (from, to) in ranges)
            {
                if (c < from) return index;
                if (c <= to) return index + 1 + c - from;
                index += to - from + 1;
            }
            return index;
        }
    }

    [LoggerMessage(EventId = LogEvents.Reconciliation + 3, Level = LogLevel.Error, Message = "The uploads container cannot list a blob whose name starts with {KnownPrefix} (the service answered {Status}); recorded as a failed upload, the listing goes on after it")]
    private static partial void LogUnlistable(ILogger logger, string knownPrefix, int status);

    [LoggerMessage(EventId = LogEvents.Reconciliation + 4, Level = LogLevel.Error, Message = "Upload {UploadId} stalled and its ledger names no kind of upload; recorded as failed")]
    private static partial void LogKindless(ILogger logger, string uploadId);

    [LoggerMessage(EventId = LogEvents.Reconciliation + 1, Level = LogLevel.Warning, Message = "Reconciliation re-drove {Count} stalled uploads")]
    private static partial void LogRedriven(ILogger logger, int count);

    [LoggerMessage(EventId = LogEvents.Reconciliation + 2, Level = LogLevel.Warning, Message = "Reconciliation queued {Count} uploads that had no ledger entry")]
    private static partial void LogQueued(ILogger logger, int count);
}
