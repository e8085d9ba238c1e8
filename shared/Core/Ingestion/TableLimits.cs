namespace CustomerValue.Ingestion;

/// <summary>
/// What Azure Table Storage accepts (Azurite accepts more): checked when a value is read, so that a row which could
/// not be stored is rejected with its line and column instead of failing the write of its whole upload.
/// </summary>
public static class TableLimits
{
    /// <summary>A string property holds 64 KiB as UTF-16: 32,768 characters.</summary>
    public const int MaxStringChars = 32 * 1024;

    /// <summary>An entity holds at most 1 MiB, keys and property names included.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>The earliest date a DateTime property takes; the latest is DateTime.MaxValue (9999-12-31).</summary>
    public static readonly DateTime MinDate = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsStorable(DateTime value) => value >= MinDate;

    /// <summary>
    /// The size Azure counts for an entity with these string properties: 4 bytes, the keys as UTF-16, and per
    /// property 8 bytes plus its name as UTF-16 plus 4 bytes and the value as UTF-16.
    /// </summary>
    public static long EntityBytes(string partitionKey, string rowKey, IEnumerable<(string Name, string? Value)> properties)
    {
        long bytes = 4 + 2L * (partitionKey.Length + rowKey.Length);
        foreach (var (name, value) in properties)
            bytes += 8 + 2L * name.Length + (value is null ? 0 : 4 + 2L * value.Length);
        return bytes;
    }
}
