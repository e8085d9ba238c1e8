namespace CustomerValue.Reports;

/// <summary>
/// The <c>segment=</c> parameter of every report: <c>dimension</c> (every segment of that dimension, such as
/// <c>plan</c>) or <c>dimension:value</c> (one segment, such as <c>plan:pro</c>). Case does not matter.
/// </summary>
public sealed record SegmentSelector(string Dimension, string? Value)
{
    /// <returns>Null with no error for an empty parameter; the selector; or the reason the text is not one (for a 400).</returns>
    public static (SegmentSelector? Selector, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var parts = text.Split(':', 2);
        var dimension = parts[0].Trim();
        var value = parts.Length == 2 ? parts[1].Trim() : null;
        if (dimension.Length == 0 || value is { Length: 0 })
            return (null, $"'segment' must be dimension or dimension:value, such as plan or plan:pro, not '{text}'.");
        return (new SegmentSelector(dimension, value), null);
    }

    public bool Matches(SegmentKey segment) =>
        segment.Dimension.Equals(Dimension, StringComparison.OrdinalIgnoreCase)
        && (Value is null || segment.Value.Equals(Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a customer whose attributes say <paramref name="attributeValue"/> for <see cref="Dimension"/> is in the segment.</summary>
    public bool MatchesValue(string? attributeValue) =>
        attributeValue is not null && (Value is null || attributeValue.Equals(Value, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Value is null ? Dimension : $"{Dimension}:{Value}";
}
