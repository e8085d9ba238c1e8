using CustomerValue.Ingestion;

namespace CustomerValue.Surveys;

/// <summary>How many header rows an export has, and the column names and question texts they give.</summary>
internal sealed record HeaderLayout(UploadFormat Format, int HeaderRows, string[] Names, string?[] Questions);

/// <summary>
/// Recognizes survey exports by their headers: Qualtrics (3 rows with ImportId JSON, or the legacy V1.. 2-row layout),
/// SurveyMonkey (2 rows, sub-labels in row 2), Typeform ('#' token column), Google Forms ('Timestamp' first).
/// </summary>
internal static class SurveyLayout
{
    public static HeaderLayout Detect(IReadOnlyList<string[]> firstRows, UploadFormat plainFormat)
    {
        var row1 = firstRows.Count > 0 ? firstRows[0].Select(HeaderNames.Clean).ToArray() : [];
        var row2 = firstRows.Count > 1 ? firstRows[1].Select(HeaderNames.Clean).ToArray() : [];
        var row3 = firstRows.Count > 2 ? firstRows[2].Select(HeaderNames.Clean).ToArray() : [];
        var keys1 = row1.Select(HeaderNames.Key).ToHashSet();

        if (row3.Count(c => c.StartsWith("{\"ImportId\"", StringComparison.Ordinal)) * 2 >= Math.Max(1, row3.Count(c => c.Length > 0)))
            return Build(UploadFormat.Qualtrics, 3, row1, row2);

        if (row1.Length > 1 && row1[0] == "V1" && row1[1] == "V2" && row2.Any(c => c.Equals("ResponseID", StringComparison.OrdinalIgnoreCase)))
            return Build(UploadFormat.Qualtrics, 2, row2.Select((c, i) => c.Length > 0 ? c : Cell(row1, i)).ToArray(), row2);

        if ((keys1.Contains("respondentid") || keys1.Contains("responseid")) && keys1.Contains("collectorid"))
            return SurveyMonkey(row1, row2);

        if (row1.Length > 0 && row1[0] == "#" && (keys1.Contains("responsetype") || keys1.Contains("networkid") || keys1.Contains("submitdateutc")))
            return Build(UploadFormat.Typeform, 1, row1, row1);

        if (row1.Length > 0 && row1[0].Equals("Timestamp", StringComparison.OrdinalIgnoreCase))
            return Build(UploadFormat.GoogleForms, 1, row1, row1);

        return Build(plainFormat, 1, row1, row1);
    }

    /// <summary>Row 1 holds a question once over all its columns; row 2 the sub-labels (or "Response" for single answers).</summary>
    private static HeaderLayout SurveyMonkey(string[] row1, string[] row2)
    {
        var width = Math.Max(row1.Length, row2.Length);
        var names = new string[width];
        var questions = new string?[width];
        string? question = null;
        for (var i = 0; i < width; i++)
        {
            var top = Cell(row1, i);
            var sub = Cell(row2, i);
            if (top.Length > 0) question = top;
            var plain = sub.Length == 0 || sub is "Response" or "Open-Ended Response";
            names[i] = top.Length > 0 && plain ? top : plain ? question ?? "" : $"{question} - {sub}";
            questions[i] = question;
            if (sub == "Open-Ended Response" && top.Length == 0) names[i] = $"{question} - Other (please specify)";
        }
        return Build(UploadFormat.SurveyMonkey, 2, names, questions);
    }

    private static HeaderLayout Build(UploadFormat format, int headerRows, IReadOnlyList<string> names, IReadOnlyList<string?> questions)
    {
        var width = names.Count;
        while (width > 0 && names[width - 1].Length == 0) width--; // trailing delimiter on the header line
        var unique = HeaderNames.Unique(names.Take(width).ToList());
        var texts = Enumerable.Range(0, width).Select(i => i < questions.Count && !string.IsNullOrEmpty(questions[i]) ? questions[i] : null).ToArray();
        return new HeaderLayout(format, headerRows, unique, texts);
    }

    private static string Cell(string[] row, int i) => i < row.Length ? row[i] : "";
}
