using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Records;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.EndToEnd;

/// <summary>Every kind of upload goes through the same trigger, ledger and rejection path; unreadable files fail with a reason.</summary>
public sealed class OtherKindsTests : PipelineTest
{
    private RunningPipeline pipeline => Pipeline;

    private async Task<UploadLedgerEntry> UploadAndWaitAsync(string kind, string name, byte[] content)
    {
        await pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"{kind}/{name}").UploadAsync(BinaryData.FromBytes(content));
        await using var stream = new MemoryStream(content);
        var uploadId = await UploadIds.FromContentAsync(kind, stream, default);
        var ledger = pipeline.Services.GetRequiredService<UploadLedger>();
        return (await pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default),
            r => r?.Status is UploadStatus.Completed or UploadStatus.Failed, Patience, $"{kind}/{name} processed"))!;
    }

    [Fact]
    public async Task A_survey_export_is_stored_response_by_response()
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Surveys", "qualtrics_nps.csv"));
        var entry = await UploadAndWaitAsync("surveys", "june.csv", file);

        Assert.Equal(UploadStatus.Completed, entry.Status);
        Assert.Contains("Qualtrics", entry.Notes);
        var stored = await pipeline.Services.GetRequiredService<KindRecordStore>()
            .ReadAsync<SurveyResponse>(UploadKind.Surveys, [entry.UploadId], default).ToListAsync();
        Assert.Equal(entry.RowsAccepted, stored.Count);
        Assert.Equal(6, stored.Count); // the fixture's six responses (two of them partial)
        Assert.Contains(stored, r => r.CustomerId == "C-5003");
        Assert.Equal(new[] { 10, 10, 6, 8, 9, 5 }.Order(), stored.Select(r => r.Nps).OfType<int>().Order());

        // Completed means the comments were scored too: one row per non-empty comment.
        var scored = await pipeline.Services.GetRequiredService<CustomerValue.Application.Sentiment.SurveySentimentService>()
            .ReadAsync([entry.UploadId], default).ToListAsync();
        var comments = stored.SelectMany(r => r.Comments).Where(c => !string.IsNullOrWhiteSpace(c.Text)).ToList();
        Assert.Equal(comments.Count, scored.Count);
        var expensive = scored.Single(s => stored.Single(r => r.ResponseId == s.ResponseId).Comments.Any(c => c.Text.Contains("Too expensive")));
        Assert.True(expensive.Compound < 0, $"'Too expensive for what it does' scored {expensive.Compound}");
        Assert.Contains(expensive.Aspects, a => a.Topic == "price");
    }

    [Fact]
    public async Task The_same_qualtrics_export_uploaded_twice_counts_each_response_once_in_the_surveys_report()
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Surveys", "qualtrics_nps.csv"));
        var june = await UploadAndWaitAsync("surveys", "june.csv", file);
        var july = await UploadAndWaitAsync("surveys", "july.csv", [.. file, (byte)'\n']); // another export file, the same responses
        Assert.NotEqual(june.UploadId, july.UploadId);
        Assert.Equal(6, july.RowsAccepted);

        var report = await pipeline.Services.GetRequiredService<CustomerValue.Reports.IReportDataSource>()
            .SurveysAsync(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), null, default);

        Assert.NotNull(report);
        Assert.Equal(6, report.Responses);
        Assert.Equal(6, report.NpsAnswers); // 10, 10, 6, 8, 9, 5
        Assert.Equal(5, report.CsatAnswers);
    }

    [Fact]
    public async Task A_customers_file_keeps_its_good_rows_and_lists_the_bad_one_with_line_and_column()
    {
        var csv = "customer_id,signup_date,plan,acquisition_channel,acquisition_cost\n" +
                  "K1,2024-01-05,pro,search,120.50\n" +
                  "K2,2024-02-11,basic,referral,40\n" +
                  "K3,not a date,basic,search,35\n" +
                  "K4,2024-03-01,pro,social,80\n";
        var entry = await UploadAndWaitAsync("customers", "crm.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        Assert.Equal(UploadStatus.Completed, entry.Status);
        Assert.Equal((4, 3, 1), (entry.RowsRead, entry.RowsAccepted, entry.RowsRejected));
        var stored = await pipeline.Services.GetRequiredService<KindRecordStore>()
            .ReadAsync<CustomerRecord>(UploadKind.Customers, [entry.UploadId], default).ToListAsync();
        Assert.Equal(["K1", "K2", "K4"], stored.Select(c => c.CustomerId).Order().ToArray());
        Assert.Equal(120.50m, stored.Single(c => c.CustomerId == "K1").AcquisitionCost);
        var rejected = (await pipeline.Storage.Container(StorageNames.Containers.Rejected).GetBlobClient($"{entry.UploadId}.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.StartsWith("line,column,reason,value\r\n4,signup_date,", rejected);
    }

    [Fact]
    public async Task The_rejected_rows_file_masks_personal_values_and_neutralises_formulas()
    {
        var csv = "customer_id,name,phone,signup_date\n" +
                  "P1,Jane Doe,+41 44 123 45 67,2024-01-05\n" +
                  "P2,John Roe,+41 44 765 43 21,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n" +
                  "P3,Ann Poe,+41 44 111 22 33\0,2024-01-07\n" +
                  "P4,Bo Loe,+41 44 999 88 77,+SUM(1;2)\n";
        var entry = await UploadAndWaitAsync("customers", "pii.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        Assert.Equal((4, 1, 3), (entry.RowsRead, entry.RowsAccepted, entry.RowsRejected));
        var stored = await pipeline.Services.GetRequiredService<KindRecordStore>()
            .ReadAsync<CustomerRecord>(UploadKind.Customers, [entry.UploadId], default).ToListAsync();
        var kept = Assert.Single(stored);
        Assert.Equal("Jane Doe", kept.Name);
        Assert.Equal("+41 44 123 45 67", kept.Attributes!["phone"]);

        var rejected = (await pipeline.Storage.Container(StorageNames.Containers.Rejected).GetBlobClient($"{entry.UploadId}.csv").DownloadContentAsync()).Value.Content.ToString();
        var lines = rejected.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("3,signup_date,", lines[1]);
        Assert.Contains("\"'=HYPERLINK(", lines[1]);
        Assert.StartsWith("4,phone,", lines[2]);
        Assert.EndsWith(",***33", lines[2]);
        Assert.DoesNotContain("111 22", rejected);
        Assert.StartsWith("5,signup_date,", lines[3]);
        Assert.Contains("\"'+SUM(1;2)\"", lines[3]);
    }

    [Fact]
    public async Task A_binary_file_fails_with_a_reason_and_the_host_goes_on()
    {
        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        var failed = await UploadAndWaitAsync("transactions", "photo.jpg", binary);
        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.Contains("transactions/photo.jpg", failed.Failure);

        var unknownKind = await UploadAndWaitAsync("invoices", "a.csv", "customer_id,date,amount\nA,2024-01-01,1\n"u8.ToArray());
        Assert.Equal(UploadStatus.Failed, unknownKind.Status);
        Assert.Contains("not a kind of upload", unknownKind.Failure);

        var good = await UploadAndWaitAsync("transactions", "after.csv", "customer_id,date,amount\nA,2024-01-01,1\n"u8.ToArray());
        Assert.Equal(UploadStatus.Completed, good.Status);
    }
}
