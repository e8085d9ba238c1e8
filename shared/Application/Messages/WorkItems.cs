using System.Text.Json.Serialization;
using CustomerValue.Ingestion;

namespace CustomerValue.Application.Messages;

// The queue messages of the pipeline, in one place: ids only (claim check), never bodies.

/// <summary>The metrics queue's message: recompute one customer bucket, on behalf of one upload.</summary>
public sealed record BucketWorkItem(string UploadId, [property: JsonConverter(typeof(UploadKindJsonConverter))] UploadKind Kind, int Bucket);

/// <summary>
/// The ingest queue's message: (re)ingest uploaded blobs, by their paths inside the uploads container: one, or a
/// batch of small ones that discovery grouped (<see cref="More"/> after the first), each still its own upload.
/// </summary>
public sealed record IngestWorkItem(string BlobPath, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? More = null)
{
    /// <summary>Every blob the message names, the first one first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> BlobPaths => [BlobPath, .. More ?? []];
}

/// <summary>The sentiment queue's message: score the comments of one survey upload (an id, not the comments: claim check).</summary>
public sealed record SentimentWorkItem(string UploadId);
