using System.Text;

namespace CustomerValue.Ingestion;

/// <summary>What the first bytes of an upload say: workbook or text, and which text encoding.</summary>
internal sealed record SniffedBytes(UploadContainer Container, Encoding Encoding, string EncodingName);

/// <summary>
/// Decides the container and the encoding from the bytes: a zip signature is an XLSX workbook; a byte order mark names
/// UTF-8 or UTF-16; otherwise the whole file is checked for valid UTF-8 and read as Windows-1252 when it is not.
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

        return IsValidUtf8(stream)
            ? new SniffedBytes(UploadContainer.Csv, new UTF8Encoding(false), "utf-8")
            : new SniffedBytes(UploadContainer.Csv, Encoding.GetEncoding(1252), "windows-1252");
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

    /// <summary>Streams the whole file through a strict decoder: constant memory, and a bad byte anywhere is found.</summary>
    private static bool IsValidUtf8(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[ProbeBytes];
        var chars = new char[ProbeBytes + 4];
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            stream.Position = 0;
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
