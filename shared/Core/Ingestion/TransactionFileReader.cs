using CustomerValue.Domain;

namespace CustomerValue.Ingestion;

/// <summary>
/// Streams a transactions file (delimited text, XLSX, or the whitespace layout of the CDNOW files, with or without a
/// header). A thin wrapper over <see cref="UploadReader"/> for callers that only take transactions.
/// </summary>
public static class TransactionFileReader
{
    /// <summary>Rows of the file; an unreadable file throws <see cref="UploadRejectedException"/> when enumeration starts.</summary>
    public static IEnumerable<RowResult<Transaction>> Read(Stream stream, string fileName) =>
        Read(stream, fileName, null, IngestionLimits.Default);

    public static IEnumerable<RowResult<Transaction>> Read(Stream stream, string fileName, UploadMapping? mapping, IngestionLimits limits)
    {
        using var reading = UploadReader.Open(stream, fileName, UploadKind.Transactions, mapping, limits);
        foreach (var row in reading.Transactions())
            yield return row;
    }
}
