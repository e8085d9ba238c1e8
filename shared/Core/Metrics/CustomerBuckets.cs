using System.Text;

namespace CustomerValue.Metrics;

/// <summary>
/// Spreads customers over a fixed number of buckets by a stable hash of their id, so that each bucket can be
/// aggregated and written on its own (one table partition, batched writes) and reruns land in the same place.
/// </summary>
public static class CustomerBuckets
{
    public static int Of(string customerId, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketCount);
        return (int)(HashOf(customerId) % (uint)bucketCount);
    }

    /// <summary>The stable hash of a customer id that places it in its bucket (and in a deterministic sample).</summary>
    public static uint HashOf(string customerId)
    {
        // FNV-1a over UTF-8: stable across processes and runtimes, unlike string.GetHashCode.
        uint hash = 2166136261;
        Span<byte> buffer = customerId.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(customerId.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(customerId.Length)];
        var length = Encoding.UTF8.GetBytes(customerId, buffer);
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= 16777619;
        }
        return hash;
    }
}
