using System.Text;
using CsvHelper;

namespace CustomerValue.Ingestion.Sources;

/// <summary>Delimited text read with CsvHelper: RFC 4180 quoting, embedded line breaks, record start lines.</summary>
internal sealed class CsvSource(Stream stream, Encoding encoding, char delimiter, IngestionLimits limits) : ITabularSource
{
    public UploadContainer Container => UploadContainer.Csv;
    public char? Delimiter => delimiter;

    public IEnumerable<SourceRow> Rows()
    {
        stream.Position = 0;
        var unterminatedAt = 0L;
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Recover,
            // Guards memory against an unclosed quote near the start of a large file.
            MaxRecordSize = (int)Math.Min(int.MaxValue / 2, (long)limits.MaxRowChars * 4 + 1024),
            Encoding = encoding is UTF8Encoding ? null : encoding,
            OnMalformedRecord = m =>
            {
                if (m.Reason == CsvMalformedReason.UnterminatedQuote) unterminatedAt = m.LineNumber;
            },
        };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        while (true)
        {
            var (ok, failure) = TryRead(reader);
            if (failure is not null)
            {
                yield return failure.Value;
                yield break;
            }
            if (!ok) yield break;
            var cells = new string[reader.FieldCount];
            var blank = true;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
                if (blank && !string.IsNullOrWhiteSpace(cells[i])) blank = false;
            }
            var line = reader.LineNumber;
            if (blank && unterminatedAt != line) continue; // a line of spaces, or of delimiters only
            yield return unterminatedAt == line
                ? new SourceRow(line, cells, "a quoted field opens here and never closes, so the rest of the file was read as one cell; close the quote (\") and upload again")
                : new SourceRow(line, cells);
        }
    }

    private static (bool Ok, SourceRow? Failure) TryRead(CsvReader reader)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (CsvFormatException ex)
        {
            // A record beyond MaxRecordSize: nothing after it can be split reliably.
            return (false, new SourceRow(ex.LineNumber, [], $"a record starting here is longer than the row limit (probably an unclosed quote); the rest of the file was not read: {ex.Message}"));
        }
    }
}
