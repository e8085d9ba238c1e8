using System.Globalization;
using System.IO.Compression;
using ExcelDataReader;

namespace CustomerValue.Ingestion.Sources;

/// <summary>The first sheet of an XLSX workbook, after checking the zip entries against the size limits.</summary>
internal sealed class XlsxSource : ITabularSource
{
    private readonly Stream stream;

    public XlsxSource(Stream stream, string fileName, IngestionLimits limits)
    {
        this.stream = stream;
        CheckZip(stream, fileName, limits);
    }

    public UploadContainer Container => UploadContainer.Xlsx;
    public char? Delimiter => null;

    public IEnumerable<SourceRow> Rows()
    {
        stream.Position = 0;
        var (opened, openError) = TryOpen(stream);
        if (opened is null)
        {
            yield return new SourceRow(1, [], $"the workbook cannot be read ({openError}); save it again from Excel or export it as CSV", EndsReading: true);
            yield break;
        }
        using var reader = opened;
        long row = 0;
        while (true)
        {
            var (ok, error) = TryRead(reader);
            if (error is not null)
            {
                yield return new SourceRow(row + 1, [], $"the workbook cannot be read from this row on ({error}); save it again from Excel or export it as CSV", EndsReading: true);
                yield break;
            }
            if (!ok) yield break;
            row++;
            var cells = new string[reader.FieldCount];
            var last = -1;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = CellText(reader.GetValue(i));
                if (cells[i].Length > 0) last = i;
            }
            if (last < 0) continue;
            yield return new SourceRow(row, last == cells.Length - 1 ? cells : cells[..(last + 1)]);
        }
    }

    private static (IExcelDataReader? Reader, string? Error) TryOpen(Stream stream)
    {
        try
        {
            return (ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true }), null);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            return (null, ex.Message);
        }
    }

    private static (bool Ok, string? Error) TryRead(IExcelDataReader reader)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            return (false, ex.Message);
        }
    }

    /// <summary>
    /// What the workbook parser throws on damaged parts: besides its own and XML errors, malformed numbers, references
    /// and missing parts surface as argument, index, key or null-reference errors from inside the library.
    /// </summary>
    private static bool IsDamage(Exception ex) => ex is System.Xml.XmlException or InvalidDataException
        or ExcelDataReader.Exceptions.ExcelReaderException or FormatException or OverflowException or ArgumentException
        or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException or InvalidOperationException or InvalidCastException
        or NotSupportedException or IOException;

    /// <summary>Workbook cells come typed; write them the way a CSV export would.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Zip bomb guard: the declared uncompressed sizes must fit the limit and each entry's ratio must be plausible;
    /// then every entry is inflated (and discarded) to confirm the actual size does not exceed what it declares.
    /// </summary>
    private static void CheckZip(Stream stream, string fileName, IngestionLimits limits)
    {
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("xl/workbook.xml") is null)
                throw new UploadRejectedException(fileName, "this zip file is not an Excel workbook (.xlsx): upload the export as .xlsx or CSV.");
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (declared > limits.MaxUncompressedBytes)
                    throw new UploadRejectedException(fileName, $"the workbook unpacks to more than {limits.MaxUncompressedBytes / (1024 * 1024)} MB; split it or export it as CSV.");
                if (entry.CompressedLength > 0 && entry.Length > 1024 * 1024 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
                    throw new UploadRejectedException(fileName, $"the workbook part '{entry.FullName}' is compressed {entry.Length / entry.CompressedLength}:1, far beyond any real spreadsheet; it was refused as a possible zip bomb.");
            }
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                long actual = 0;
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    actual += read;
                    if (actual > entry.Length)
                        throw new UploadRejectedException(fileName, $"the workbook part '{entry.FullName}' unpacks to more than the {entry.Length} bytes it declares; it was refused as a possible zip bomb.");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new UploadRejectedException(fileName, $"the workbook is damaged and cannot be opened ({ex.Message}); save it again from Excel or export it as CSV.");
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
