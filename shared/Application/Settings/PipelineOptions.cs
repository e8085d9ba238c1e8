namespace CustomerValue.Application.Settings;

/// <summary>Settings section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Customer buckets: each is one table partition and one unit of queued work.</summary>
    public int CustomerBuckets { get; set; } = 16;
}
