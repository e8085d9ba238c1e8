namespace CustomerValue.Ingestion;

/// <summary>
/// Bounds on what an upload may contain. Bind from the configuration section <see cref="SectionName"/>
/// (for example <c>Ingestion:Limits:MaxFileBytes</c>). Settable properties so the configuration binder can fill them.
/// </summary>
public sealed class IngestionLimits
{
    public const string SectionName = "Ingestion:Limits";

    /// <summary>Largest cell a table string property can hold (64 KiB as UTF-16, with headroom).</summary>
    public const int CellCharsCeiling = 32_000;

    public static IngestionLimits Default { get; } = new();

    /// <summary>
    /// The largest amount (money, cost, minutes) one cell may hold, either sign: 10^15, still a billion dollars in the
    /// weakest currency unit, so no real figure is refused. It is not a setting because it keeps every total within
    /// decimal: decimal holds 7.9e28, so a sum over customers overflows only past 7.9e13 amounts this large,
    /// petabytes of input (an upload of <see cref="MaxFileBytes"/> holds some 10^7 such rows). Without it two amounts
    /// near decimal's limit, each storable, overflowed the first sum over customers and stopped the snapshot.
    /// </summary>
    public const decimal MaxAbsoluteAmount = 1_000_000_000_000_000m;

    /// <summary>Largest upload, in bytes, as stored (compressed size for XLSX).</summary>
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest total uncompressed size of the entries of an XLSX file (zip bomb guard).</summary>
    public long MaxUncompressedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of one XLSX entry; real sheets stay well under 100.</summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Longest record, in characters, across all its cells.</summary>
    public int MaxRowChars { get; set; } = 256_000;

    /// <summary>Longest single cell, in characters; at most <see cref="CellCharsCeiling"/>.</summary>
    public int MaxCellChars { get; set; } = CellCharsCeiling;

    /// <summary>Rows read ahead to decide column roles, number formats and date order before streaming.</summary>
    public int SampleRows { get; set; } = 5_000;

    /// <summary>Below this confidence a detected column role is reported as unsure and not used without a mapping.</summary>
    public double RoleConfidenceThreshold { get; set; } = 0.7;

    /// <summary>Throws when a limit is out of its allowed range.</summary>
    public IngestionLimits Validated()
    {
        if (MaxCellChars is <= 0 or > CellCharsCeiling)
            throw new ArgumentOutOfRangeException(nameof(MaxCellChars), MaxCellChars, $"must be between 1 and {CellCharsCeiling}.");
        if (MaxRowChars < MaxCellChars)
            throw new ArgumentOutOfRangeException(nameof(MaxRowChars), MaxRowChars, "must be at least MaxCellChars.");
        if (MaxFileBytes <= 0 || MaxUncompressedBytes <= 0 || SampleRows <= 0 || MaxCompressionRatio <= 1)
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), "limits must be positive.");
        if (RoleConfidenceThreshold is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(RoleConfidenceThreshold), RoleConfidenceThreshold, "must be between 0 and 1.");
        return this;
    }
}
