namespace CustomerValue.Ingestion.Sources;

/// <summary>One physical record of a table: the 1-based line (or sheet row) where it starts and its cells.</summary>
/// <param name="Problem">Set when the record itself is broken (for example an unclosed quote); the cells are then unreliable.</param>
/// <param name="EndsReading">Set when nothing after this record can be read: the rest of the file is lost, which the reading warns of.</param>
internal readonly record struct SourceRow(long Line, string[] Cells, string? Problem = null, bool EndsReading = false);

/// <summary>A table that can be read from the start as many times as needed (once to sample, once to stream).</summary>
internal interface ITabularSource
{
    UploadContainer Container { get; }
    /// <summary>The delimiter, or null for space-aligned text and workbooks.</summary>
    char? Delimiter { get; }
    /// <summary>Reads the rows from the start; blank lines are skipped. Memory stays bounded by one record.</summary>
    IEnumerable<SourceRow> Rows();
}
