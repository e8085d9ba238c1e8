using System.Text;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.Hostile;

/// <summary>
/// Hostile and careless uploads against the running pipeline on Azurite. For each: the host keeps running, the good
/// rows are counted, the bad one is reported with its reason, and a clean upload afterwards completes with its totals.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileUploadTests(HostilePipeline hostile)
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_date_in_1500_is_a_rejected_row_and_the_customers_bucket_keeps_updating()
    {
        var entry = await hostile.UploadAsync("transactions/old-date.csv",
            Utf8("customer_id,date,amount\nD-1,2025-01-05,20\nD-1,1500-01-01,5\nD-2,2025-01-06,7\n"));

        Assert.Equal((UploadStatus.Completed, 3, 2, 1), (entry.Status, entry.RowsRead, entry.RowsAccepted, entry.RowsRejected));
        var rejected = await hostile.RejectedRowsAsync(entry.UploadId);
        Assert.Contains("\r\n3,date,", rejected);
        Assert.Contains("1601", rejected);
        Assert.Equal(20m, (await hostile.CustomerAsync("D-1"))!.Value.GetProperty("revenue").GetDecimal());
        await hostile.CleanUploadCompletesAsync("after-date");
    }

    [Fact]
    public async Task Amounts_of_7_9e28_are_rejected_rows_and_customers_at_the_largest_accepted_amount_sum_in_every_snapshot()
    {
        var entry = await hostile.UploadAsync("transactions/overflow-one.csv",
            Utf8("customer_id,date,amount\nO-1,2025-01-05,79000000000000000000000000000\nO-1,2025-01-06,1000000000000000\n"
                 + "O-2,2025-01-06,-79000000000000000000000000000\nO-2,2025-01-06,1000000000000000\nO-2,2025-01-07,12\n"));

        Assert.Equal((UploadStatus.Completed, 3, 2), (entry.Status, entry.RowsAccepted, entry.RowsRejected));
        var rejected = await hostile.RejectedRowsAsync(entry.UploadId);
        Assert.Contains("\r\n2,amount,", rejected);
        Assert.Contains("\r\n4,amount,", rejected);
        Assert.Contains("beyond 1,000,000,000,000,000", rejected);
        // These customers stay in the shared pipeline: every later case's snapshot sums over them too.
        Assert.Equal(1_000_000_000_000_000m, (await hostile.CustomerAsync("O-1"))!.Value.GetProperty("revenue").GetDecimal());
        Assert.Equal(1_000_000_000_000_012m, (await hostile.CustomerAsync("O-2"))!.Value.GetProperty("revenue").GetDecimal());
        await hostile.CleanUploadCompletesAsync("after-overflow-one");
    }

    [Fact]
    public async Task An_amount_of_7_9e28_in_a_second_upload_is_a_rejected_row_and_the_customers_bucket_updates()
    {
        var first = await hostile.UploadAsync("transactions/overflow-a.csv", Utf8("customer_id,date,amount\nX-1,2025-01-05,1000000000000000\nX-2,2025-01-05,1\n"));
        Assert.Equal((UploadStatus.Completed, 2), (first.Status, first.RowsAccepted));
        // X-3..X-40 spread over every bucket, so that X-1's bucket has other customers in the second upload too.
        var others = Enumerable.Range(3, 38).Select(i => $"X-{i},2025-02-01,{i}\n");
        var second = await hostile.UploadAsync("transactions/overflow-b.csv",
            Utf8("customer_id,date,amount\nX-1,2025-02-05,79000000000000000000000000000\nX-1,2025-02-06,1000000000000000\n" + string.Concat(others)));

        Assert.Equal((UploadStatus.Completed, 39, 1), (second.Status, second.RowsAccepted, second.RowsRejected));
        Assert.Contains("\r\n2,amount,", await hostile.RejectedRowsAsync(second.UploadId));
        Assert.Equal(2_000_000_000_000_000m, (await hostile.CustomerAsync("X-1"))!.Value.GetProperty("revenue").GetDecimal());
        foreach (var i in new[] { 3, 17, 40 })
            Assert.Equal(i, (await hostile.CustomerAsync($"X-{i}"))!.Value.GetProperty("revenue").GetDecimal());
        Assert.Equal(1m, (await hostile.CustomerAsync("X-2"))!.Value.GetProperty("revenue").GetDecimal());
        await hostile.CleanUploadCompletesAsync("after-overflow-two");
    }

    [Theory]
    [InlineData("cjk", '日')]
    [InlineData("lt", '<')]
    public async Task A_6000_character_comment_is_stored_with_the_other_responses(string tag, char c)
    {
        var good = string.Concat(Enumerable.Range(1, 20).Select(i => $"{tag}-r{i},{i % 11},fine {i}\n"));
        var entry = await hostile.UploadAsync($"surveys/long-{tag}.csv", Utf8($"response_id,nps,comment\n{good}{tag}-big,9,{new string(c, 6_000)}\n"));

        Assert.Equal((UploadStatus.Completed, 21, 21, 0), (entry.Status, entry.RowsRead, entry.RowsAccepted, entry.RowsRejected));
        await hostile.CleanUploadCompletesAsync($"after-{tag}");
    }

    [Fact]
    public async Task A_cell_of_6000_angle_brackets_in_a_customers_file_is_kept()
    {
        var entry = await hostile.UploadAsync("customers/angles.csv", Utf8($"customer_id,plan,notes\nA-1,pro,{new string('<', 6_000)}\nA-2,basic,fine\n"));

        Assert.Equal((UploadStatus.Completed, 2, 0), (entry.Status, entry.RowsAccepted, entry.RowsRejected));
        await hostile.CleanUploadCompletesAsync("after-angles");
    }

    [Fact]
    public async Task Three_hundred_columns_of_100_characters_reject_that_row_and_keep_the_others()
    {
        var header = "customer_id," + string.Join(",", Enumerable.Range(1, 300).Select(i => $"extra{i}"));
        var wide = "W-2," + string.Join(",", Enumerable.Range(1, 300).Select(_ => new string('x', 100)));
        var entry = await hostile.UploadAsync("customers/wide.csv", Utf8($"{header}\nW-1,small\n{wide}\nW-3,small\n"));

        Assert.Equal((UploadStatus.Completed, 3, 2, 1), (entry.Status, entry.RowsRead, entry.RowsAccepted, entry.RowsRejected));
        Assert.Contains("\r\n3,,", await hostile.RejectedRowsAsync(entry.UploadId));
        await hostile.CleanUploadCompletesAsync("after-wide");
    }

    [Fact]
    public async Task A_million_character_line_is_one_rejected_row_and_the_rows_after_it_are_read()
    {
        var before = string.Concat(Enumerable.Range(1, 1000).Select(i => $"M-{i},2025-01-05,1\n"));
        var after = string.Concat(Enumerable.Range(1001, 1000).Select(i => $"M-{i},2025-01-05,1\n"));
        var entry = await hostile.UploadAsync("transactions/long-line.csv", Utf8($"customer_id,date,amount\n{before}M-x,2025-01-05,{new string('9', 1_000_000)}\n{after}"));

        Assert.Equal((UploadStatus.Completed, 2000, 1), (entry.Status, entry.RowsAccepted, entry.RowsRejected));
        Assert.Contains("\r\n1002,", await hostile.RejectedRowsAsync(entry.UploadId));
        Assert.Equal(1m, (await hostile.CustomerAsync("M-2000"))!.Value.GetProperty("revenue").GetDecimal());
        await hostile.CleanUploadCompletesAsync("after-long-line");
    }

    [Fact]
    public async Task An_invalid_utf8_byte_is_noted_with_its_line_and_the_rows_are_kept()
    {
        var bytes = Utf8("customer_id,city,signup_date\nU-1,Zürich,2024-01-05\nU-2,Bern,2024-01-06\n").ToList();
        bytes.InsertRange(bytes.Count - 1, [0xFF]); // after "2024-01-06" on line 3
        var entry = await hostile.UploadAsync("customers/invalid-byte.csv", bytes.ToArray());

        Assert.Equal(UploadStatus.Completed, entry.Status);
        Assert.Equal(2, entry.RowsRead);
        Assert.Contains("line 3", entry.Notes);
        var profile = (await hostile.CustomerAsync("U-1"))!.Value;
        Assert.DoesNotContain("Ã¼", profile.ToString()); // the valid lines are still read as UTF-8
        await hostile.CleanUploadCompletesAsync("after-invalid-byte");
    }

    [Fact]
    public async Task A_malformed_workbook_fails_with_its_reason()
    {
        var notAZip = Utf8("PK\u0003\u0004 this is not really a workbook");
        var entry = await hostile.UploadAsync("customers/broken.xlsx", notAZip);

        Assert.Equal(UploadStatus.Failed, entry.Status);
        Assert.Contains("broken.xlsx", entry.Failure);
        await hostile.CleanUploadCompletesAsync("after-workbook");
    }

    [Fact]
    public async Task A_bad_mapping_fails_the_upload_and_the_same_content_again_beside_a_good_mapping_is_read()
    {
        var content = Utf8("kunde,anmeldung,tarif\nBM-1,2024-01-05,pro\nBM-2,2024-02-06,basic\n");
        await hostile.PutAsync("customers/mapped.csv.mapping.json", Utf8("{\"columns\": {\"kunde\": "));
        var failed = await hostile.UploadAsync("customers/mapped.csv", content);
        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.Contains("mapped.csv.mapping.json", failed.Failure);

        await hostile.PutAsync("customers/mapped.csv.mapping.json",
            Utf8("{\"columns\": {\"kunde\": \"customerId\", \"anmeldung\": \"signupDate\", \"tarif\": \"plan\"}}"));
        await hostile.PutAsync("customers/mapped.csv", content); // the same content: a new attempt, not the old failure
        var fixedEntry = await hostile.Pipeline.EventuallyAsync(() => hostile.FinishedAsync("customers", content),
            e => e.Status == UploadStatus.Completed, HostilePipeline.Patience, "the mapped upload read again");
        Assert.Equal((2, 0), (fixedEntry.RowsAccepted, fixedEntry.RowsRejected));
        Assert.NotNull(await hostile.CustomerAsync("BM-2"));
        await hostile.CleanUploadCompletesAsync("after-mapping");
    }

    [Fact]
    public async Task Personal_columns_are_masked_for_a_read_key_in_json_csv_and_html_also_when_a_mapping_made_them_personal()
    {
        var content = Utf8("customer_id,name,email,phone,address,contact,plan\n"
                           + "PII-1,Jane Doe,jane.doe@example.com,+41 44 123 45 67,Bahnhofstrasse 1 8001 Zurich,+41 79 555 66 77,pro\n");
        await hostile.PutAsync("customers/pii.csv.mapping.json", Utf8("{\"columns\": {\"contact\": \"phone\"}}"));
        var entry = await hostile.UploadAsync("customers/pii.csv", content);
        Assert.Equal((UploadStatus.Completed, 1), (entry.Status, entry.RowsAccepted));

        using var read = hostile.Client(CustomerValue.Tests.Reports.ApiTestKeys.Read);
        await hostile.Pipeline.Services.GetRequiredService<CustomerValue.Application.Snapshots.KpiSnapshotService>().TakeAsync(DateTimeOffset.UtcNow, default);
        var json = await read.GetStringAsync("/api/reports/customers/PII-1");
        var csv = await read.GetStringAsync("/api/reports/customers/PII-1?format=csv");
        var html = await read.GetStringAsync("/api/reports/customers/PII-1?format=html");
        foreach (var (format, text) in new[] { ("json", json), ("csv", csv), ("html", html) })
            foreach (var secret in new[] { "Jane", "Doe", "jane.doe", "123 45", "Bahnhofstrasse", "555 66" })
                Assert.False(text.Contains(secret), $"{format} shows '{secret}': {text[..Math.Min(text.Length, 600)]}");
        Assert.Contains("J. D.", json);
        Assert.Contains("***77", json); // the mapped column, masked as the phone it was mapped to
        Assert.Contains("pro", json);

        using var admin = hostile.Client(CustomerValue.Tests.Reports.ApiTestKeys.Admin);
        var unmasked = await admin.GetStringAsync("/api/reports/customers/PII-1?pii=true");
        Assert.Equal("+41 79 555 66 77", System.Text.Json.JsonDocument.Parse(unmasked).RootElement.GetProperty("attributes").GetProperty("contact").GetString());
        await hostile.CleanUploadCompletesAsync("after-pii");
    }
}
