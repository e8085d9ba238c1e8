using System.Text;

namespace CustomerValue.Ingestion.Sources;

/// <summary>Columns separated by runs of spaces (the CDNOW layout). No quoting exists in this layout.</summary>
internal sealed class AlignedTextSource(Stream stream, Encoding encoding) : ITabularSource
{
    public UploadContainer Container => UploadContainer.AlignedText;
    public char? Delimiter => null;

    public IEnumerable<SourceRow> Rows()
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return new SourceRow(line, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
