using System.IO.Compression;
using System.Security;
using System.Text;
using CustomerValue.Ingestion;

namespace CustomerValue.Tests.Ingestion;

/// <summary>Opens uploads from text, bytes or fixtures, and writes small XLSX workbooks for the workbook tests.</summary>
internal static class IngestionTestSupport
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Surveys", name);

    public static UploadReading Open(string text, string fileName = "upload.csv", UploadKind? kind = null, UploadMapping? mapping = null,
        IngestionLimits? limits = null, Encoding? encoding = null) =>
        OpenBytes((encoding ?? new UTF8Encoding(false)).GetBytes(text), fileName, kind, mapping, limits);

    public static UploadReading OpenBytes(byte[] bytes, string fileName = "upload.csv", UploadKind? kind = null, UploadMapping? mapping = null,
        IngestionLimits? limits = null) =>
        UploadReader.Open(new MemoryStream(bytes), fileName, kind, mapping, limits ?? IngestionLimits.Default);

    public static UploadReading OpenFile(string path, UploadKind? kind = null, UploadMapping? mapping = null) =>
        UploadReader.Open(new MemoryStream(File.ReadAllBytes(path)), Path.GetFileName(path), kind, mapping, IngestionLimits.Default);

    /// <summary>Asserts every row was accepted (showing the first rejection otherwise) and returns the values.</summary>
    public static List<T> AllAccepted<T>(IEnumerable<RowResult<T>> rows)
    {
        var list = rows.ToList();
        Assert.All(list, r => Assert.True(r.IsAccepted, r.Rejection?.ToString()));
        return list.Select(r => r.Value!).ToList();
    }

    public static UploadRejectedException Rejected(Func<UploadReading> open)
    {
        var ex = Assert.Throws<UploadRejectedException>(() => { using var reading = open(); });
        return ex;
    }

    /// <summary>
    /// A minimal XLSX with one sheet: cells that read as numbers are numeric cells, the rest inline strings.
    /// </summary>
    /// <param name="replace">A part written with the given content instead of the one built here.</param>
    public static byte[] Xlsx(IEnumerable<IReadOnlyList<string>> rows, bool numbersAsNumbers = true, Action<ZipArchive>? extra = null,
        (string Part, string Content)? replace = null)
    {
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            sheet.Append($"<row r=\"{r}\">");
            for (var c = 0; c < row.Count; c++)
            {
                var reference = $"{ColumnLetters(c)}{r}";
                var value = row[c].Replace("\0", ""); // XML cannot hold NUL
                if (value.Length == 0) continue;
                if (numbersAsNumbers && IsPlainNumber(value))
                    sheet.Append($"<c r=\"{reference}\"><v>{value}</v></c>");
                else
                    sheet.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(value)}</t></is></c>");
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");

        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(ZipArchive archive, string name, string content) =>
                IngestionTestSupport.Entry(archive, name, replace is { } r && r.Part == name ? r.Content : content);
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
            extra?.Invoke(zip);
        }
        return output.ToArray();
    }

    /// <summary>The rows of a CSV fixture as an independent, simple RFC 4180 split (for building XLSX copies).</summary>
    public static List<string[]> SplitCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else cell.Append(ch);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }

    private static bool IsPlainNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _)
        && (value == "0" || !value.StartsWith('0'));

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
