using System.Text;

namespace CustomerValue.Ingestion.Sources;

/// <summary>
/// Picks the delimiter from the first records: the candidate (, ; tab |) that appears outside quotes the same
/// non-zero number of times on most records. Null means columns aligned with runs of spaces.
/// </summary>
internal static class DelimiterSniffer
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];
    private const int SampleChars = 64 * 1024;
    private const int SampleRecords = 30;

    public static char? Sniff(Stream stream, Encoding encoding)
    {
        stream.Position = 0;
        string text;
        using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true))
        {
            var buffer = new char[SampleChars];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            text = new string(buffer, 0, read);
        }
        stream.Position = 0;

        var records = SplitRecords(text).Where(r => r.Trim().Length > 0).Take(SampleRecords).ToList();
        if (records.Count == 0) return ',';
        // The last record may be cut by the sample window.
        if (records.Count > 2 && text.Length == SampleChars) records.RemoveAt(records.Count - 1);

        char? best = null;
        var bestScore = 0.0;
        foreach (var candidate in Candidates)
        {
            var counts = records.Select(r => CountOutsideQuotes(r, candidate)).ToList();
            var modal = counts.Where(c => c > 0).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
            if (modal is null) continue;
            // Share of records agreeing with the modal count, with a small bonus for more columns.
            var score = (double)modal.Count() / counts.Count + Math.Min(modal.Key, 20) / 1000.0;
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        if (best is not null && bestScore >= 0.5) return best;
        return records.All(r => r.Trim().Contains(' ')) ? null : best ?? ',';
    }

    private static IEnumerable<string> SplitRecords(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (start < text.Length) yield return text[start..];
    }

    private static int CountOutsideQuotes(string record, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in record)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }
}
