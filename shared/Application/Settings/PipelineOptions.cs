using System.ComponentModel.DataAnnotations;
namespace CustomerValue.Application.Settings;

/// <summary>Settings section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Customer buckets: each is one table partition and one unit of queued work.</summary>
    [Range(1, 1024)]
    public int CustomerBuckets { get; set; } = 16;

    /// <summary>
    /// An upload of at most this many accepted rows has its buckets reduced right after it is read, in the same
    /// function, instead of through one metrics message per bucket: a burst of small files costs a tenth of the queue
    /// traffic. Larger uploads spread their buckets over the metrics queue (and over instances). 0 turns it off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int InlineReduceMaxRows { get; set; } = 1_000;
}
