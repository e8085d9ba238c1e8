using System.Text.Json;

namespace CustomerValue.Tests.Functions;

/// <summary>What `dotnet publish functions` gives is what the Functions host can load: every function indexed with its bindings.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class PublishOutputTests(PublishedApp app)
{
    [Fact]
    public void The_metadata_indexes_every_function_with_its_bindings()
    {
        var functions = app.Functions;
        string[] expected =
        [
            "UploadBlobFunction", "IngestQueueFunction", "CustomerMetricsFunction", "SurveySentimentFunction",
            "KpiSnapshotFunction", "KpiEmailFunction", "ReconciliationFunction",
            "MetricsPoisonFunction", "SentimentPoisonFunction", "IngestPoisonFunction", "BlobPoisonFunction",
            "Health", "OpenApi", "KpisReport", "SegmentsReport", "OpportunitiesReport", "SurveysReport", "DriversReport", "LifecycleReport", "WarningsReport", "AcquisitionReport", "CohortsReport", "CustomerReport", "UploadStatus", "UploadList", "TakeSnapshot",
            "UploadDiscoveryFunction",
        ];
        Assert.Equal(expected.Order(), functions.Keys.Order());

        var upload = Trigger(functions["UploadBlobFunction"]);
        Assert.Equal("blobTrigger", upload.GetProperty("type").GetString());
        Assert.Equal("uploads/{kind}/{name}", upload.GetProperty("path").GetString());
        Assert.Equal("EventGrid", upload.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", upload.GetProperty("connection").GetString());

        var metrics = Trigger(functions["CustomerMetricsFunction"]);
        Assert.Equal(("queueTrigger", "metrics", "AzureWebJobsStorage"),
            (metrics.GetProperty("type").GetString(), metrics.GetProperty("queueName").GetString(), metrics.GetProperty("connection").GetString()));
        Assert.Equal("%Snapshots:KpiSchedule%", Trigger(functions["KpiSnapshotFunction"]).GetProperty("schedule").GetString());

        var kpis = functions["KpisReport"].GetProperty("bindings").EnumerateArray().ToList();
        Assert.Equal("reports/kpis", kpis[0].GetProperty("route").GetString());
        Assert.Equal("Function", kpis[0].GetProperty("authLevel").GetString());
        Assert.Contains(kpis, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
        Assert.All(functions.Values, f => Assert.Equal("CustomerValue.Functions.dll", f.GetProperty("scriptFile").GetString()));
    }

    [Fact]
    public void The_host_extensions_are_the_storage_extension_5_3_10_and_present()
    {
        var extensions = app.Extensions.GetProperty("extensions").EnumerateArray().ToList();
        var names = extensions.Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("AzureStorageBlobs", names);
        Assert.Contains("AzureStorageQueues", names);
        Assert.All(extensions.Where(e => e.GetProperty("name").GetString()!.StartsWith("AzureStorage")),
            e => Assert.Contains("Version=5.3.10.0", e.GetProperty("typeName").GetString()));
        foreach (var e in extensions)
            Assert.True(File.Exists(Path.Combine(app.Folder, e.GetProperty("hintPath").GetString()!)), $"{e.GetProperty("hintPath")} is missing from the output.");
    }

    /// <summary>
    /// The worker must not load the WebJobs SDK (that would be the in-process model): WebJobs assemblies belong to
    /// the host, in .azurefunctions/ only, which the host loads and the worker never does.
    /// </summary>
    [Fact]
    public void No_WebJobs_assembly_is_in_the_worker_output()
    {
        var hostSide = Path.Combine(app.Folder, ".azurefunctions") + Path.DirectorySeparatorChar;
        Assert.True(Directory.Exists(hostSide));
        var webJobs = Directory.EnumerateFiles(app.Folder, "Microsoft.Azure.WebJobs*.dll", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(hostSide, StringComparison.Ordinal)).ToList();
        Assert.Empty(webJobs);
        Assert.True(File.Exists(Path.Combine(app.Folder, "CustomerValue.Functions.dll")));
        Assert.True(File.Exists(Path.Combine(app.Folder, "host.json")), "host.json must be published beside the app.");
        Assert.Equal("2.0", JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Folder, "host.json"))).RootElement.GetProperty("version").GetString());
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));
}
