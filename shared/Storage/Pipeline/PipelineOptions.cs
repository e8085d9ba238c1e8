namespace CustomerValue.Storage.Pipeline;

/// <summary>Settings section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Customer buckets: each is one table partition and one unit of queued work.</summary>
    public int CustomerBuckets { get; set; } = 16;
}

/// <summary>The metrics queue's message: recompute one customer bucket, on behalf of one upload.</summary>
public sealed record BucketWorkItem(string UploadId, string Kind, int Bucket);

/// <summary>The ingest queue's message: (re)ingest one uploaded blob, by its path inside the uploads container.</summary>
public sealed record IngestWorkItem(string BlobPath);
