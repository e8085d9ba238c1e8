using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerValue.Application.Messages;
using CustomerValue.Ingestion;
using CustomerValue.Storage.Uploads;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// The upload kind is typed in code and keeps its stored form on the wire: messages queued before it was typed still
/// read, the same work serialises to the same text (poisoned messages are found by it), and a name that is no kind
/// is an error that names it.
/// </summary>
public sealed class UploadKindWireTests
{
    [Fact]
    public void A_bucket_message_written_with_the_kind_as_text_still_reads_and_writes_the_same_text()
    {
        const string old = """{"UploadId":"u0123","Kind":"transactions","Bucket":3}""";

        var work = JsonSerializer.Deserialize<BucketWorkItem>(old)!;

        Assert.Equal(new BucketWorkItem("u0123", UploadKind.Transactions, 3), work);
        Assert.Equal(old, JsonSerializer.Serialize(work));
    }

    [Theory]
    [InlineData("invoices")]
    [InlineData("")]
    public void A_bucket_message_of_no_kind_is_refused_by_name(string kind)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BucketWorkItem>($$"""{"UploadId":"u1","Kind":"{{kind}}","Bucket":0}"""));
        Assert.Contains($"'{kind}' is not a kind of upload", error.Message);
    }

    [Fact]
    public void A_ledger_entry_shows_its_kind_by_the_stored_name_even_where_enums_are_written_as_names()
    {
        var api = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } }; // as the HTTP endpoints write
        var entry = new UploadLedgerEntry { UploadId = "u1", Kind = UploadKind.Surveys, BlobName = "surveys/a.csv", Status = UploadStatus.Completed };
        var failed = entry with { Kind = null, BlobName = "invoices/a.csv", Status = UploadStatus.Failed };

        Assert.Equal("surveys", JsonDocument.Parse(JsonSerializer.Serialize(entry, api)).RootElement.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(JsonSerializer.Serialize(failed, api)).RootElement.GetProperty("kind").ValueKind);
        Assert.Equal(UploadKind.Surveys, JsonSerializer.Deserialize<UploadLedgerEntry>(JsonSerializer.Serialize(entry, api), api)!.Kind);
    }

    [Theory]
    [InlineData("transactions/2024.csv", UploadKind.Transactions)]
    [InlineData("Orders/2024.csv", UploadKind.Transactions)]
    [InlineData("surveys/nps.xlsx", UploadKind.Surveys)]
    [InlineData("invoices/a.csv", null)]
    [InlineData("a.csv", null)]
    public void The_folder_of_a_blob_names_its_kind_or_none(string blobPath, UploadKind? expected) =>
        Assert.Equal(expected, UploadKinds.OfFolder(blobPath));
}
