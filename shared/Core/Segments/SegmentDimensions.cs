namespace CustomerValue.Segments;

/// <summary>The dimensions every customer is segmented on, one <see cref="Reports.SegmentKey"/> each.</summary>
public static class SegmentDimensions
{
    public const string Rfm = "rfm";
    public const string Plan = "plan";
    public const string SizeBand = "size_band";
    public const string FrequencyBand = "frequency_band";
    public const string Occupation = "occupation";
    public const string AgeBand = "age_band";
    public const string Country = "country";
    public const string Region = "region";
    public const string Channel = "channel";
    public const string Contract = "contract";
    public const string ClvTier = "clv_tier";

    /// <summary>The value of a dimension whose attribute is missing.</summary>
    public const string Unknown = "unknown";

    /// <summary>All dimensions, in the order segments are reported.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Rfm, Plan, SizeBand, FrequencyBand, Occupation, AgeBand, Country, Region, Channel, Contract, ClvTier];
}
