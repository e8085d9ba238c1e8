using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomerValue.Application.Ingestion;
using CustomerValue.Ingestion;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Application.Uploads;

/// <summary>
/// Every blob of the uploads container, page by page, for everything that lists it (the discovery timer, the
/// reconciliation sweep, the upload catalog, `roi upload --only-if-empty`). One name can make a page fail: Azurite
/// answers 500 to a page holding a character XML cannot carry, where Azure encodes it. Then the page is halved until
/// the name that fails is next; that name is recorded as a failed upload by the part of it that can be listed, and
/// the listing goes on after it, so one name never hides the others nor stops the listing.
/// </summary>
public sealed partial class UploadBlobListing(StorageClients storage, UploadLedger ledger, ILogger<UploadBlobListing> logger)
{
    public const int PageSize = 5_000;

    /// <summary>Unlistable names found, by the marker they follow (a listing checks the marker still fails before skipping).</summary>
    private readonly ConcurrentDictionary<string, (string Known, string SkipTo)> unlistable = new(StringComparer.Ordinal);

    /// <param name="now">When a newly found unlistable name is recorded as received.</param>
    public async IAsyncEnumerable<BlobItem> ListAsync(DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.Containers.Uploads);
        string? marker = null;
        var pageSize = PageSize;
        while (true)
        {
            var page = await PageAfterAsync(container, marker, pageSize, cancellationToken);
            if (page is null && pageSize > 1)
            {
                pageSize /= 2; // the name that fails is among these: list the ones before it
                continue;
            }
            if (page is null)
            {
                var after = marker ?? "";
                if (!unlistable.TryGetValue(after, out var found) || !await FailsAfterAsync(container, after, cancellationToken))
                {
                    found = await UnlistableNameAfterAsync(container, after, cancellationToken)
                        ?? throw new RequestFailedException(500, "The uploads container cannot be listed.");
                    unlistable[after] = found;
                    LogUnlistable(logger, found.Known);
                }
                await RecordUnlistableAsync(found.Known, now, cancellationToken);
                (marker, pageSize) = (found.SkipTo, PageSize);
                continue;
            }
            foreach (var blob in page.Values) yield return blob;
            if (string.IsNullOrEmpty(page.ContinuationToken)) yield break;
            // After a failure, go on from the last name listed: Azurite's continuation token is the next name, which
            // may be the one that fails (a marker is echoed in the answer). Otherwise the service's own token.
            marker = pageSize < PageSize ? page.Values[^1].Name : page.ContinuationToken;
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

    /// <returns>The first page after the marker, or null when the service cannot list it.</returns>
    /// <remarks>
    /// Such a failure is immediate (<see cref="UnlistableListingPolicy"/> keeps the client from retrying it), so the
    /// search below costs milliseconds a probe; a failure the service can describe is retried by the client as usual.
    /// </remarks>
    private static async Task<Page<BlobItem>?> PageAfterAsync(BlobContainerClient container, string? marker, int size, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(marker, size).WithCancellation(cancellationToken))
                return page;
            return null;
        }
        catch (RequestFailedException e) when (e.Status >= 500)
        {
            return null;
        }
    }

    /// <summary>
    /// The name after <paramref name="after"/> that a listing cannot return: the part of it that can be listed and a
    /// marker to go on from past it. A listing of one name after a marker m fails exactly while after &lt;= m &lt; that
    /// name, so it is found one character at a time (a binary search over the characters, printable ASCII first); a
    /// marker must itself be listable (Azurite echoes it in XML), which ends the search at the first character that
    /// cannot be. Relies on a marker being a name, as in Azurite, the only service that fails this way; null when the
    /// next name lists fine.
    /// </summary>
    private static async Task<(string Known, string SkipTo)?> UnlistableNameAfterAsync(BlobContainerClient container, string after, CancellationToken cancellationToken)
    {
        Task<bool> FailsAfter(string m) => FailsAfterAsync(container, m, cancellationToken);
        // Whether the failing name's next character (after name) is above c.
        Task<bool> Above(string name, int c) => FailsAfter(name + (char)c + Top);

        if (!await FailsAfter(after)) return null;
        var name = "";
        for (var k = 0; k < UploadPaths.MaxLength * 4; k++)
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
            if (low < AsciiTop && !await Above(name, XmlChars[AsciiTop])) high = AsciiTop; // names are mostly ASCII
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
        await PageAfterAsync(container, marker, 1, cancellationToken) is null;

    private const char Top = '\uFFFD';

    /// <summary>The characters XML 1.0 can carry (tab, line feed, carriage return, U+0020..U+D7FF, U+E000..U+FFFD), in order.</summary>
    private static readonly CharRanges XmlChars = new([(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0xD7FF), (0xE000, 0xFFFD)]);

    /// <summary>The position of '~', the last printable ASCII character.</summary>
    private static readonly int AsciiTop = XmlChars.IndexOf('~');

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

    [LoggerMessage(EventId = LogEvents.Uploads + 10, Level = LogLevel.Error, Message = "The uploads container cannot list a blob whose name starts with {KnownPrefix}; recorded as a failed upload, the listing goes on after it")]
    private static partial void LogUnlistable(ILogger logger, string knownPrefix);
}
