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
        // A line longer than the reader buffers for is skipped as one rejected row and the reading starts again on the
        // next line: 'segment' is where the current reader started (in bytes) and how many lines lie before it.
        long segmentStart = 0, linesBefore = 0;
        while (true)
        {
            stream.Position = segmentStart;
            long? resumeAt = null;
            foreach (var row in SegmentRows(linesBefore))
            {
                if (row.Problem is not null && row.Cells.Length == 0 && row.EndsReading && SkipLongLine(segmentStart, row.Line - linesBefore) is { } next)
                {
                    yield return new SourceRow(row.Line, [],
                        $"the line is longer than the row limit ({limits.MaxRowChars:N0} characters); it was skipped and the rows after it were read");
                    (resumeAt, linesBefore) = (next, row.Line);
                    break;
                }
                yield return row;
            }
            if (resumeAt is null) yield break;
            segmentStart = resumeAt.Value;
        }
    }

    private IEnumerable<SourceRow> SegmentRows(long linesBefore)
    {
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
            MaxRecordSize = MaxRecordBytes,
            Encoding = encoding is UTF8Encoding ? null : encoding,
            OnMalformedRecord = m =>
            {
                if (m.Reason == CsvMalformedReason.UnterminatedQuote) unterminatedAt = m.LineNumber;
            },
        };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        while (true)
        {
            var (ok, failure) = TryRead(reader, linesBefore);
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
                ? new SourceRow(linesBefore + line, cells, "a quoted field opens here and never closes, so the rest of the file was read as one cell; close the quote (\") and upload again", EndsReading: true)
                : new SourceRow(linesBefore + line, cells);
        }
    }

    private int MaxRecordBytes => (int)Math.Min(int.MaxValue / 2, (long)limits.MaxRowChars * 4 + 1024);

    private static (bool Ok, SourceRow? Failure) TryRead(CsvReader reader, long linesBefore)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (CsvFormatException ex)
        {
            // A record beyond MaxRecordSize: a long line is skipped (see Rows); a long quoted record ends the reading.
            return (false, new SourceRow(linesBefore + ex.LineNumber, [],
                $"a record starting here is longer than the row limit (probably an unclosed quote); the rest of the file was not read: {ex.Message}", EndsReading: true));
        }
    }

    /// <summary>
    /// Where the line after <paramref name="line"/> (1-based, counted from <paramref name="from"/>) starts, when that line
    /// by itself is longer than the reader's limit; null when it is not (a quoted record spanning lines, which cannot be
    /// skipped reliably) or when it is the last line.
    /// </summary>
    private long? SkipLongLine(long from, long line)
    {
        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var bigEndian = encoding.CodePage == 1201;
        stream.Position = from;
        var buffer = new byte[1 << 16];
        long position = from, lineStart = line == 1 ? from : -1, seen = 1;
        int read;
        while ((read = ReadUnits(buffer, unit)) > 0)
        {
            for (var i = 0; i + unit <= read; i += unit)
            {
                var isBreak = unit == 1 ? buffer[i] == '\n' : bigEndian ? buffer[i] == 0 && buffer[i + 1] == '\n' : buffer[i] == '\n' && buffer[i + 1] == 0;
                if (!isBreak) continue;
                var next = position + i + unit;
                if (seen == line) return next - lineStart > MaxRecordBytes ? next : null;
                if (++seen == line) lineStart = next;
            }
            position += read;
        }
        // The long line is the last one: the reading ends after it either way.
        return lineStart >= 0 && position - lineStart > MaxRecordBytes ? position : null;
    }

    private int ReadUnits(byte[] buffer, int unit)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        return total - total % unit;
    }
}
