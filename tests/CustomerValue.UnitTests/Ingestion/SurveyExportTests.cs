using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Surveys;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Ingestion;

/// <summary>
/// Every survey layout, read from small fixtures whose expected metrics are counted by hand in the comments,
/// and from the two real Qualtrics exports.
/// </summary>
public class SurveyExportTests
{
    private static List<SurveyResponse> Responses(UploadReading reading) => AllAccepted(reading.SurveyResponses());

    private static void AssertMetrics(UploadReading reading, int responses, int partial, int[] nps, int[] csat, int comments)
    {
        var list = Responses(reading);
        Assert.Equal(responses, list.Count);
        Assert.Equal(partial, list.Count(r => !r.Finished));
        Assert.Equal(nps.Order(), list.Where(r => r.Nps is not null).Select(r => r.Nps!.Value).Order());
        Assert.Equal(csat.Order(), list.Where(r => r.Csat is not null).Select(r => r.Csat!.Value).Order());
        Assert.Equal(comments, list.Sum(r => r.Comments.Count));

        // The report's figures, against the definitions applied by hand to the expected answers.
        var report = InspectionReport.Build(reading);
        double? expectedNps = nps.Length == 0 ? null : 100.0 * (nps.Count(s => s >= 9) - nps.Count(s => s <= 6)) / nps.Length;
        double? expectedCsat = csat.Length == 0 ? null : 100.0 * csat.Count(s => s >= 4) / csat.Length;
        Assert.Equal(nps.Length, report.Survey!.NpsAnswers);
        Assert.Equal(expectedNps, report.Survey.Nps);
        Assert.Equal(csat.Length, report.Survey.CsatAnswers);
        Assert.Equal(expectedCsat, report.Survey.CsatPercent);
        Assert.Equal(responses, report.Survey.Responses);
        Assert.Equal(partial, report.Survey.Partial);
    }

    [Fact]
    public void SurveyMonkey_two_header_rows_labelled_scales_and_us_dates()
    {
        using var reading = OpenFile(Fixture("surveymonkey.csv"));
        Assert.Equal(UploadKind.Surveys, reading.Kind);
        Assert.Equal(UploadFormat.SurveyMonkey, reading.Format);
        Assert.Equal(2, reading.HeaderRows);
        // NPS: "10 - Extremely likely", 9, 7, 3, 8, "0 - Not at all likely", "10 - ..."; respondent 8 skipped it.
        // CSAT words: Very satisfied=5, Satisfied=4, Neither=3, Dissatisfied=2, Satisfied=4, Very dissatisfied=1, Very satisfied=5, Satisfied=4.
        // Comments: five "main reason" answers plus one "Other (please specify)". Respondent 8 has no End Date: partial.
        AssertMetrics(reading, responses: 8, partial: 1, nps: [10, 9, 7, 3, 8, 0, 10], csat: [5, 4, 3, 2, 4, 1, 5, 4], comments: 6);

        var list = Responses(reading);
        Assert.Equal("C-1001", list[0].CustomerId);
        Assert.Equal(new DateTime(2024, 3, 15, 10, 5, 40), list[0].SubmittedAt);
        Assert.Equal(new DateTime(2024, 3, 16, 21, 15, 2), list[1].SubmittedAt); // 09:15:02 PM
        Assert.Contains(reading.Columns, c => c.Name == "How would you rate the following? - Support");
        Assert.Equal("The app keeps crashing, \"really\" annoying", list[3].Comments.Single().Text);
        Assert.Equal("Good overall.\nWould like more reports.", list[4].Comments.Single().Text.Replace("\r\n", "\n"));
        Assert.Equal("What is the main reason for your score?", list[0].Comments.Single().Question);
    }

    [Fact]
    public void Typeform_token_column_hidden_fields_and_partial_responses()
    {
        using var reading = OpenFile(Fixture("typeform.csv"));
        Assert.Equal(UploadFormat.Typeform, reading.Format);
        // NPS 9, 6, 10, 9, 5 (d4 and the second partial answered nothing / only NPS 5); CSAT 5, 2, 4, 3.
        AssertMetrics(reading, responses: 6, partial: 2, nps: [9, 6, 10, 9, 5], csat: [5, 2, 4, 3], comments: 3);
        var first = Responses(reading)[0];
        Assert.Equal("a1b2c3d4e5", first.ResponseId);
        Assert.Equal("C-2001", first.CustomerId);
        Assert.Equal("pro", first.Attributes["plan"]);
    }

    [Fact]
    public void Google_forms_timestamp_first_month_first_dates()
    {
        using var reading = OpenFile(Fixture("googleforms.csv"));
        Assert.Equal(UploadFormat.GoogleForms, reading.Format);
        AssertMetrics(reading, responses: 5, partial: 0, nps: [10, 9, 2, 9, 7], csat: [5, 4, 1, 5, 3], comments: 3);
        Assert.Equal(DateOrder.MonthFirst, reading.DateOrders["Timestamp"]);
        Assert.Equal(new DateTime(2024, 5, 13, 14, 5, 10), Responses(reading)[1].SubmittedAt);
        Assert.Equal("bo@example.com", Responses(reading)[0].Email);
    }

    [Fact]
    public void Plain_semicolon_csv_with_day_first_dates_and_ces()
    {
        using var reading = OpenFile(Fixture("plain_semicolon.csv"));
        Assert.Equal(UploadFormat.Plain, reading.Format);
        Assert.Equal(';', reading.Delimiter);
        AssertMetrics(reading, responses: 6, partial: 0, nps: [9, 10, 4, 8, 10, 2], csat: [5, 4, 2, 3, 5, 1], comments: 4);
        var ces = SurveyMetrics.Ces(Responses(reading));
        Assert.Equal(6, ces.Answers);
        Assert.Equal((6 + 7 + 2 + 5 + 7 + 1) / 6.0, ces.Mean!.Value, 9);
        Assert.Equal((1, 7, true), (ces.ScaleMin, ces.ScaleMax, ces.HigherIsEasier));
        Assert.Equal(new DateTime(2024, 1, 13), Responses(reading)[0].SubmittedAt);
    }

    [Fact]
    public void Qualtrics_three_rows_nps_group_and_unfinished_responses()
    {
        using var reading = OpenFile(Fixture("qualtrics_nps.csv"));
        Assert.Equal(UploadFormat.Qualtrics, reading.Format);
        Assert.Equal(3, reading.HeaderRows);
        Assert.Equal(ColumnRole.NpsGroup, reading.Columns.Single(c => c.Name == "Q1_NPS_GROUP").Role);
        Assert.Equal(ColumnRole.Nps, reading.Columns.Single(c => c.Name == "Q1").Role);
        // Finished False on the last two rows; NPS 10, 10, 6, 8, 9, 5; CSAT 5, 4, 2, 4, 3 (one skipped).
        AssertMetrics(reading, responses: 6, partial: 2, nps: [10, 10, 6, 8, 9, 5], csat: [5, 4, 2, 4, 3], comments: 3);
        Assert.Equal("C-5003", Responses(reading)[2].CustomerId);
        Assert.Equal("Why did you give this score?", Responses(reading)[2].Comments.Single().Question);
    }

    [Theory]
    [InlineData("sample.csv", 3, 20)]
    [InlineData("sample_legacy.csv", 2, 15)]
    public void Real_qualtrics_exports_one_finished_response(string file, int headerRows, int columns)
    {
        using var reading = OpenFile(TestPaths.Data("survey_exports", "qualtrics", file));
        Assert.Equal(UploadFormat.Qualtrics, reading.Format);
        Assert.Equal(headerRows, reading.HeaderRows);
        // qualtRics reads both as one row; the legacy file's trailing comma adds no column.
        Assert.Equal(columns, reading.Columns.Count);
        var response = Assert.Single(Responses(reading));
        Assert.Equal("R_2YPOQ602ER1jkf1", response.ResponseId);
        Assert.True(response.Finished);
        Assert.Equal(new DateTime(2017, 7, 18, 8, 28, 48), response.SubmittedAt);
        Assert.Equal("Hello World!", Assert.Single(response.Comments).Text);
        Assert.Null(response.Nps);
    }

    [Theory]
    [InlineData("surveymonkey.csv", UploadFormat.SurveyMonkey)]
    [InlineData("qualtrics_nps.csv", UploadFormat.Qualtrics)]
    [InlineData("typeform.csv", UploadFormat.Typeform)]
    [InlineData("googleforms.csv", UploadFormat.GoogleForms)]
    public void Xlsx_export_reads_like_the_csv_export(string csvFixture, UploadFormat format)
    {
        var rows = SplitCsv(File.ReadAllText(Fixture(csvFixture)));
        using var fromXlsx = OpenBytes(Xlsx(rows), Path.ChangeExtension(csvFixture, ".xlsx"));
        using var fromCsv = OpenFile(Fixture(csvFixture));
        Assert.Equal(UploadContainer.Xlsx, fromXlsx.Container);
        Assert.Equal(format, fromXlsx.Format);
        var expected = InspectionReport.Build(fromCsv).Survey!;
        var actual = InspectionReport.Build(fromXlsx).Survey!;
        Assert.Equal(expected, actual);
        Assert.True(actual.Responses > 0);
    }

    [Fact]
    public void Experience_rating_on_one_to_five_is_csat()
    {
        const string csv = "respondent,How would you rate your experience with us?\nr1,5\nr2,4\nr3,2\nr4,5\nr5,3\n";
        using var reading = Open(csv, kind: UploadKind.Surveys);
        var rating = reading.Columns.Single(c => c.Name.StartsWith("How would you rate", StringComparison.Ordinal));
        Assert.Equal(ColumnRole.Csat, rating.Role);
        Assert.False(rating.IsUnsure);
        var csat = SurveyMetrics.Csat(reading.SurveyResponses().Select(r => r.Value!));
        Assert.Equal((5, 3), (csat.Answers, csat.Satisfied));
    }

    [Fact]
    public void A_rating_question_that_names_no_metric_is_flagged_unsure_not_read_as_a_plain_attribute()
    {
        const string csv = "respondent,Checkout speed (1 = slow; 7 = fast)?\nr1,6\nr2,7\nr3,2\nr4,5\n";
        using var reading = Open(csv, kind: UploadKind.Surveys);
        var rating = reading.Columns.Single(c => c.Name.StartsWith("Checkout", StringComparison.Ordinal));
        Assert.True(rating.IsUnsure);
        Assert.True(rating.Confidence < 1.0);
        Assert.Contains(reading.Notes, n => n.Contains("rating scale"));
    }

    [Fact]
    public void Unsure_column_is_reported_and_a_mapping_resolves_it()
    {
        // "Score" has 0-10 answers but no wording: it may be NPS, so it is not used without a mapping.
        const string csv = "respondent,Score,Notes\nr1,9,\nr2,3,\nr3,10,\nr4,7,\n";
        using (var unsure = Open(csv, kind: UploadKind.Surveys))
        {
            var score = unsure.Columns.Single(c => c.Name == "Score");
            Assert.True(score.IsUnsure);
            Assert.True(score.Confidence < IngestionLimits.Default.RoleConfidenceThreshold);
            Assert.Contains(unsure.Notes, n => n.Contains("'Score'"));
            Assert.All(unsure.SurveyResponses(), r => Assert.Null(r.Value!.Nps));
        }
        var mapping = UploadMapping.Parse("""{ "kind": "surveys", "columns": { "Score": "nps", "respondent": "responseId" } }""", "mapping.json");
        using var mapped = Open(csv, mapping: mapping);
        Assert.Equal(UploadKind.Surveys, mapped.Kind);
        var nps = SurveyMetrics.Nps(mapped.SurveyResponses().Select(r => r.Value!));
        Assert.Equal((4, 2, 1, 1), (nps.Answers, nps.Promoters, nps.Passives, nps.Detractors));
        Assert.Equal("r2", mapped.SurveyResponses().ElementAt(1).Value!.ResponseId);
    }

    [Fact]
    public void Yaml_mapping_gives_roles_and_date_order()
    {
        var mapping = UploadMapping.Parse("kind: surveys\ndateOrder: dayFirst\ncolumns:\n  Score: nps\n  When: submittedAt\n", "mapping.yaml");
        Assert.Equal(UploadKind.Surveys, mapping.Kind);
        Assert.Equal(DateOrder.DayFirst, mapping.DateOrder);
        using var reading = Open("When,Score\n03/04/2024,9\n05/06/2024,10\n", mapping: mapping);
        Assert.Equal(new DateTime(2024, 4, 3), reading.SurveyResponses().First().Value!.SubmittedAt);
    }

    [Fact]
    public void Csat_text_scale_and_out_of_range_answers()
    {
        // Ten answers; one NPS answer of 11 is off the scale and its row is rejected, the others are kept.
        const string csv = "id,How satisfied are you with us?,How likely are you to recommend us?\n" +
                           "1,Very satisfied,10\n2,Very dissatisfied,0\n3,Neither satisfied nor dissatisfied,11\n4,Satisfied,6\n" +
                           "5,Satisfied,9\n6,Dissatisfied,4\n7,Very satisfied,10\n8,Satisfied,8\n9,Satisfied,7\n10,Very satisfied,9\n";
        using var reading = Open(csv, kind: UploadKind.Surveys);
        var rows = reading.SurveyResponses().ToList();
        Assert.Equal([5, 1, 4, 4, 2, 5, 4, 4, 5], rows.Where(r => r.IsAccepted).Select(r => r.Value!.Csat!.Value));
        var rejected = Assert.Single(rows, r => !r.IsAccepted);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("How likely are you to recommend us?", rejected.Rejection!.Column);
        Assert.Contains("outside 0..10", rejected.Rejection.Reason);
    }
}
