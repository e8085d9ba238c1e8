using System.Net;
using System.Text;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.Hostile;

[CollectionDefinition(Name)]
public sealed class BadBlobNameCollection : ICollectionFixture<HostilePipeline>
{
    public const string Name = "bad blob names";
}

/// <summary>
/// Blob names against the running pipeline on Azurite, on a host of their own: Azurite cannot list a name with a
/// control character (it answers 500 to the whole listing), which stops the trigger engine's blob listener. The host
/// goes on, the reconciliation sweep steps past the name and records it as a failed upload with its reason, and later
/// uploads, in the same folder too, are processed.
/// </summary>
[Collection(BadBlobNameCollection.Name)]
public sealed class BadBlobNameTests(HostilePipeline hostile)
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_name_Azurite_cannot_list_is_a_failed_upload_named_by_its_listable_part_and_the_names_around_it_are_ingested()
    {
        // Around the bad name in listing order: 'a' sorts before 'l', '-' after U+0001.
        var before = Utf8("customer_id,date,amount\nCTL-1,2025-01-05,11\n");
        var after = Utf8("customer_id,date,amount\nCTL-2,2025-01-05,13\n");
        await hostile.PutAsync("transactions/cta-before.csv", before);
        await hostile.PutAsync("transactions/ctl\u0001.csv", Utf8("customer_id,date,amount\nN-1,2025-01-05,1\n"));
        await hostile.PutAsync("transactions/ctl-after.csv", after);
        var ledger = hostile.Pipeline.Services.GetRequiredService<UploadLedger>();
        var entry = await hostile.Pipeline.EventuallyAsync(() => ledger.GetAsync(UploadIds.ForUnlistableName("transactions/ctl"), default),
            e => e is not null, HostilePipeline.Patience, "the unlistable name recorded");

        Assert.Equal((UploadStatus.Failed, "transactions/ctl\u2026"), (entry!.Status, entry.BlobName));
        Assert.Contains("control characters", entry.Failure);
        foreach (var good in new[] { before, after })
        {
            var finished = await hostile.FinishedAsync("transactions", good);
            Assert.Equal((UploadStatus.Completed, 1), (finished.Status, finished.RowsAccepted));
        }
        Assert.Equal(11m, (await hostile.CustomerAsync("CTL-1"))!.Value.GetProperty("revenue").GetDecimal());
        Assert.Equal(13m, (await hostile.CustomerAsync("CTL-2"))!.Value.GetProperty("revenue").GetDecimal());

        // The catalog lists past the name too: 200 with the good uploads and the failed one.
        using var read = hostile.Client(CustomerValue.Tests.Reports.ApiTestKeys.Read);
        using var response = await read.GetAsync("/api/uploads");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var shown in new[] { "transactions/cta-before.csv", "transactions/ctl-after.csv", entry.UploadId })
            Assert.Contains(shown, body);
        await hostile.CleanUploadCompletesAsync("after-ctl");
    }

    [Fact]
    public async Task A_listable_name_the_pipeline_refuses_is_a_failed_upload_with_its_reason()
    {
        var entry = await hostile.UploadAsync("transactions/bidi\u202Egnp.csv", Utf8("customer_id,date,amount\nN-2,2025-01-05,1\n"));

        Assert.Equal(UploadStatus.Failed, entry.Status);
        Assert.Contains("invisible formatting", entry.Failure);
        await hostile.CleanUploadCompletesAsync("after-bidi");
    }

    [Theory]
    [InlineData("hash#1.csv")]
    [InlineData("query?x=1.csv")]
    public async Task Names_with_url_characters_are_ordinary_uploads(string name)
    {
        var entry = await hostile.UploadAsync($"transactions/{name}", Utf8($"customer_id,date,amount\nURL-{name.Length},2025-01-05,2\n"));

        Assert.Equal((UploadStatus.Completed, 1), (entry.Status, entry.RowsAccepted));
        Assert.Equal($"transactions/{name}", entry.BlobName);
    }

    [Fact]
    public async Task The_same_content_under_a_valid_name_after_a_bad_one_is_read()
    {
        var content = Utf8("customer_id,date,amount\nVN-1,2025-01-05,8\n");
        var failed = await hostile.UploadAsync("transactions/bad\u202Ename.csv", content);
        Assert.Equal(UploadStatus.Failed, failed.Status);

        await hostile.PutAsync("transactions/good-name.csv", content);
        var entry = await hostile.Pipeline.EventuallyAsync(() => hostile.FinishedAsync("transactions", content),
            e => e.Status == UploadStatus.Completed, HostilePipeline.Patience, "the content under a valid name");
        Assert.Equal("transactions/good-name.csv", entry.BlobName);
        Assert.Equal(8m, (await hostile.CustomerAsync("VN-1"))!.Value.GetProperty("revenue").GetDecimal());
        await hostile.CleanUploadCompletesAsync("after-valid-name");
    }
}
