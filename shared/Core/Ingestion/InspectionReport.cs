using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerValue.Surveys;

namespace CustomerValue.Ingestion;

/// <summary>A dry run over an upload: what was detected and what would be accepted or rejected, with survey metrics.</summary>
public sealed record InspectionReport(
    string File,
    string Kind,
    string Format,
    string Container,
    string Delimiter,
    string Encoding,
    IReadOnlyList<InspectedColumn> Columns,
    long RowsRead,
    long RowsAccepted,
    long RowsRejected,
    IReadOnlyList<InspectedRejection> Rejections,
    IReadOnlyList<string> Notes,
    SurveySummary? Survey)
{
    public const int MaxRejections = 100;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads every row of <paramref name="reading"/> once; memory holds only counts and the first rejections.</summary>
    public static InspectionReport Build(UploadReading reading, int maxRejections = MaxRejections)
    {
        long read = 0, accepted = 0;
        var rejections = new List<InspectedRejection>();
        var nps = new List<int>();
        var csat = new List<int>();
        var ces = new List<Domain.CesAnswer>();
        int responses = 0, partial = 0, comments = 0;
        foreach (var row in reading.Records())
        {
            read++;
            if (!row.IsAccepted)
            {
                if (rejections.Count < maxRejections)
                    rejections.Add(new InspectedRejection(row.Rejection!.Line, row.Rejection.Column, row.Rejection.Reason, row.Rejection.RawValue));
                continue;
            }
            accepted++;
            if (row.Value!.SurveyResponse is { } r)
            {
                responses++;
                if (!r.Finished) partial++;
                comments += r.Comments.Count;
                if (r.Nps is { } n) nps.Add(n);
                if (r.Csat is { } c) csat.Add(c);
                if (r.Ces is { } e) ces.Add(e);
            }
        }
        SurveySummary? survey = null;
        if (reading.Kind == UploadKind.Surveys)
        {
            var npsResult = SurveyMetrics.Nps(nps);
            var csatResult = SurveyMetrics.Csat(csat);
            var cesResult = SurveyMetrics.Ces(ces);
            survey = new SurveySummary(responses, partial, npsResult.Answers, npsResult.Score, npsResult.Promoters, npsResult.Passives, npsResult.Detractors,
                csatResult.Answers, csatResult.Percent, cesResult.Answers, cesResult.Mean, cesResult.Answers > 0 ? $"{cesResult.ScaleMin}-{cesResult.ScaleMax}" : null,
                cesResult.Answers > 0 ? cesResult.HigherIsEasier : null, comments);
        }
        return new InspectionReport(reading.FileName, reading.Kind.Name(), reading.Format.Name(), reading.Container.ToString().ToLowerInvariant(),
            reading.DelimiterName, reading.Encoding,
            reading.Columns.Select(c => new InspectedColumn(c.Name, JsonNamingPolicy.CamelCase.ConvertName(c.Role.ToString()), Math.Round(c.Confidence, 2), c.IsUnsure, c.Question == c.Name ? null : c.Question, c.Note)).ToList(),
            read, accepted, read - accepted, rejections, [.. reading.Notes, .. reading.Warnings.Select(w => "warning: " + w)], survey);
    }
}

public sealed record InspectedColumn(string Name, string Role, double Confidence, bool Unsure, string? Question, string? Note);

public sealed record InspectedRejection(long Line, string? Column, string Reason, string? Value);

public sealed record SurveySummary(
    int Responses, int Partial,
    int NpsAnswers, double? Nps, int Promoters, int Passives, int Detractors,
    int CsatAnswers, double? CsatPercent,
    int CesAnswers, double? CesMean, string? CesScale, bool? CesHigherIsEasier,
    int Comments);
