using CustomerValue.Ingestion;

namespace CustomerValue.Storage.Uploads;

public enum UploadStatus
{
    /// <summary>The file is being read and validated.</summary>
    Processing,
    /// <summary>Rows are read; customer buckets are being recomputed.</summary>
    Aggregating,
    Completed,
    /// <summary>The file could not be read at all; <see cref="UploadLedgerEntry.Failure"/> says why.</summary>
    Failed,
    /// <summary>Removed (by an operator, or replaced by a new version of its blob); its buckets are still giving its contribution back.</summary>
    Removing,
    /// <summary>Removed: it counts nowhere any more. Uploading the same content again brings it back.</summary>
    Removed,
}

public static class UploadStatuses
{
    /// <summary>True while the upload's rows should be in the totals.</summary>
    public static bool Counts(this UploadStatus status) => status is UploadStatus.Aggregating or UploadStatus.Completed;
}

/// <summary>The ledger entry of one upload, as the API and the CLI show it.</summary>
public sealed record UploadLedgerEntry
{
    public required string UploadId { get; init; }
    /// <summary>What the upload holds; null when its blob sits under a folder that names no kind (it is then Failed).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(UploadKindJsonConverter))]
    public required UploadKind? Kind { get; init; }
    public required string BlobName { get; init; }
    public required UploadStatus Status { get; init; }
    public long Bytes { get; init; }
    public long RowsRead { get; init; }
    public long RowsAccepted { get; init; }
    public long RowsRejected { get; init; }
    public int ChunksTotal { get; init; }
    public int ChunksDone { get; init; }
    /// <summary>The customer buckets the upload touches (transactions): one chunk each. Null for uploads without buckets.</summary>
    public IReadOnlyList<int>? Buckets { get; init; }
    public string? Failure { get; init; }
    /// <summary>
    /// The blob and version this record was made from ("path@etag"). A failure is kept for that attempt only: the same
    /// content uploaded again (beside a new mapping, or under a valid name) is a new attempt and is read again.
    /// </summary>
    public string? Attempt { get; init; }
    public string? RejectedBlob { get; init; }
    /// <summary>What the reader noticed: the detected layout, and columns whose role it was unsure of (map them explicitly).</summary>
    public string? Notes { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>When the ledger last moved: the reconciliation sweep re-drives uploads that stopped moving.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
