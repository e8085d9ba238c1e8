using System.Text;

namespace CustomerValue.Ingestion;

/// <summary>What the first bytes of an upload say: workbook or text, and which text encoding.</summary>
/// <param name="Note">Set when the encoding was decided despite invalid bytes: what was done, and where the first one is.</param>
internal sealed record SniffedBytes(UploadContainer Container, Encoding Encoding, string EncodingName, string? Note = null);

/// <summary>
/// Decides the container and the encoding from the bytes: a zip signature is an XLSX workbook; a byte order mark names
/// UTF-8 or UTF-16; otherwise the whole file is checked for valid UTF-8. A file with invalid bytes is decided as a
/// whole, and the decision is noted: UTF-8 (invalid bytes read as U+FFFD) when it also holds valid multi-byte UTF-8
/// characters at least as often, since one stray byte must not turn every "Zürich" into "ZÃ¼rich"; Windows-1252 otherwise.
/// </summary>
internal static class ByteSniffer
{
    private const int ProbeBytes = 64 * 1024;

    static ByteSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SniffedBytes Sniff(Stream stream, string fileName)
    {
        stream.Position = 0;
        var head = new byte[ProbeBytes];
        var length = ReadFully(stream, head);
        stream.Position = 0;
        if (length == 0) throw new UploadRejectedException(fileName, "the file is empty.");
        var probe = head.AsSpan(0, length);

        if (probe.StartsWith("PK\x03\x04"u8)) return new SniffedBytes(UploadContainer.Xlsx, Encoding.UTF8, "xlsx");
        if (probe.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            throw new UploadRejectedException(fileName, "this is an old Excel .xls workbook: save it as .xlsx or CSV (UTF-8) and upload it again.");
        if (probe.StartsWith("%PDF"u8) || probe.StartsWith(new byte[] { 0x1F, 0x8B }) || probe.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }))
            throw new UploadRejectedException(fileName, "this is not a table (it looks like a PDF, image or compressed file): upload a CSV or XLSX export.");

        if (probe.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return new SniffedBytes(UploadContainer.Csv, new UTF8Encoding(false), "utf-8-bom");
        if (probe.StartsWith(new byte[] { 0xFF, 0xFE })) return new SniffedBytes(UploadContainer.Csv, Encoding.Unicode, "utf-16le");
        if (probe.StartsWith(new byte[] { 0xFE, 0xFF })) return new SniffedBytes(UploadContainer.Csv, Encoding.BigEndianUnicode, "utf-16be");

        if (LooksBinary(probe))
            throw new UploadRejectedException(fileName, "this looks like a binary file, not a CSV or XLSX export: open it in Excel and save it as CSV (UTF-8).");

        var scan = Utf8Scan.Of(stream);
        if (scan.Invalid == 0) return new SniffedBytes(UploadContainer.Csv, new UTF8Encoding(false), "utf-8");
        var where = $"line {scan.FirstInvalidLine}, column {scan.FirstInvalidColumn}";
        return scan.MultiByte >= scan.Invalid
            ? new SniffedBytes(UploadContainer.Csv, new UTF8Encoding(false), "utf-8",
                $"the file is UTF-8 but {scan.Invalid:N0} of its bytes are not (the first at {where}); they were read as '\uFFFD': check those values")
            : new SniffedBytes(UploadContainer.Csv, Encoding.GetEncoding(1252), "windows-1252",
                $"the file is not UTF-8 (the first byte that is not is at {where}); it was read as Windows-1252: if accents look wrong, save it as CSV UTF-8");
    }

    /// <summary>
    /// Text has almost no control bytes. A few NULs are tolerated (SurveyMonkey writes some into its second header row);
    /// a binary file has many.
    /// </summary>
    private static bool LooksBinary(ReadOnlySpan<byte> probe)
    {
        int nuls = 0, controls = 0;
        foreach (var b in probe)
        {
            if (b == 0) nuls++;
            else if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1A)) controls++;
        }
        return nuls > probe.Length / 50 || controls > probe.Length / 20;
    }

    /// <summary>Counts of a streamed UTF-8 check: constant memory, and every bad byte anywhere is counted.</summary>
    private readonly record struct Utf8Scan(long MultiByte, long Invalid, long FirstInvalidLine, long FirstInvalidColumn)
    {
        public static Utf8Scan Of(Stream stream)
        {
            long multiByte = 0, invalid = 0, line = 1, column = 1, firstLine = 0, firstColumn = 0;
            var buffer = new byte[ProbeBytes + 4];
            var carried = 0;
            try
            {
                while (true)
                {
                    var read = stream.Read(buffer, carried, ProbeBytes);
                    var final = read == 0;
                    var span = buffer.AsSpan(0, carried + read);
                    carried = 0;
                    var i = 0;
                    while (i < span.Length)
                    {
                        var rest = span[i..];
                        var nonAscii = rest.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                        var ascii = nonAscii < 0 ? rest : rest[..nonAscii];
                        var lastBreak = ascii.LastIndexOf((byte)'\n');
                        if (lastBreak >= 0)
                        {
                            line += ascii.Count((byte)'\n');
                            column = ascii.Length - lastBreak;
                        }
                        else column += ascii.Length;
                        if (nonAscii < 0) break;
                        i += nonAscii;
                        var status = Rune.DecodeFromUtf8(span[i..], out _, out var consumed);
                        if (status == System.Buffers.OperationStatus.NeedMoreData && !final)
                        {
                            carried = span.Length - i;
                            span[i..].CopyTo(buffer);
                            break;
                        }
                        if (status == System.Buffers.OperationStatus.Done) multiByte++;
                        else if (invalid++ == 0) (firstLine, firstColumn) = (line, column);
                        column++;
                        i += Math.Max(1, consumed);
                    }
                    if (final) return new Utf8Scan(multiByte, invalid, firstLine, firstColumn);
                }
            }
            finally
            {
                stream.Position = 0;
            }
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        return total;
    }
}
