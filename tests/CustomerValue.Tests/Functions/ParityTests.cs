using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.LocalEngine.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CustomerValue.Tests.Functions;

/// <summary>
/// The two engines index the same functions: the worker app's functions.metadata (what the Functions host runs in
/// Azure) against the local engine's WebJobs function index (its [FunctionName] methods and their trigger
/// attributes) and its route table. Names, trigger kinds, containers and paths, queues, connections, schedules,
/// output bindings, HTTP routes, methods and key levels must match; the one allowed difference is the blob
/// trigger's source (Event Grid in Azure, the container scan locally).
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class ParityTests(PublishedApp app)
{
    /// <summary>One binding of one function, in terms both engines share. HTTP endpoints carry no name locally.</summary>
    public sealed record IndexEntry(string? Function, string Kind, string Target, string? Detail);

    [Fact]
    public void The_worker_app_and_the_local_engine_index_the_same_functions_and_routes()
    {
        var worker = WorkerIndex(app.Metadata);
        var engine = EngineIndex();

        Assert.True(worker.Count >= 20, $"only {worker.Count} entries read from functions.metadata");
        Assert.Empty(Difference(worker, engine));
    }

    [Fact]
    public void The_blob_trigger_source_is_the_one_difference_Event_Grid_in_Azure_and_the_container_scan_locally()
    {
        var workerSource = app.Functions["UploadBlobFunction"].GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "blobTrigger").GetProperty("source").GetString();
        Assert.Equal("EventGrid", workerSource);

        var engineTrigger = EngineTriggerAttributes().Single(t => t.Function == "UploadBlobFunction").Attribute;
        // The storage extension 4.x has no Source (it only scans); 5.x has one, which must not be Event Grid locally.
        var engineSource = engineTrigger.GetType().GetProperty("Source")?.GetValue(engineTrigger)?.ToString();
        Assert.NotEqual("EventGrid", engineSource);
    }

    [Fact]
    public void A_queue_renamed_on_one_side_fails_the_comparison()
    {
        var metadata = JsonNode.Parse(app.Metadata.GetRawText())!.AsArray();
        var metrics = metadata.Single(f => f!["name"]!.GetValue<string>() == "CustomerMetricsFunction")!;
        metrics["bindings"]![0]!["queueName"] = "metrics-renamed";
        using var renamed = JsonDocument.Parse(metadata.ToJsonString());

        var difference = Difference(WorkerIndex(renamed.RootElement), EngineIndex());

        Assert.Contains(difference, d => d.Contains("CustomerMetricsFunction") && d.Contains("metrics-renamed"));
        Assert.Contains(difference, d => d.Contains("CustomerMetricsFunction") && d.Contains("local engine only"));
    }

    [Fact]
    public void A_route_or_key_level_changed_on_one_side_fails_the_comparison()
    {
        var metadata = JsonNode.Parse(app.Metadata.GetRawText())!.AsArray();
        var snapshot = metadata.Single(f => f!["name"]!.GetValue<string>() == "TakeSnapshot")!;
        snapshot["bindings"]![0]!["authLevel"] = "Function";
        using var changed = JsonDocument.Parse(metadata.ToJsonString());

        Assert.Contains(Difference(WorkerIndex(changed.RootElement), EngineIndex()), d => d.Contains("manage/snapshot"));
    }

    /// <summary>Entries on one side only, each saying which side.</summary>
    private static List<string> Difference(IReadOnlyCollection<IndexEntry> worker, IReadOnlyCollection<IndexEntry> engine) =>
        worker.Except(engine).Select(e => $"worker app only: {e}")
            .Concat(engine.Except(worker).Select(e => $"local engine only: {e}")).ToList();

    /// <summary>functions.metadata as data: every binding except the HTTP response (the local engine's endpoints always have one).</summary>
    private static List<IndexEntry> WorkerIndex(JsonElement metadata)
    {
        var entries = new List<IndexEntry>();
        foreach (var function in metadata.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                var connection = binding.TryGetProperty("connection", out var c) ? c.GetString() : null;
                switch (type)
                {
                    case "blobTrigger": entries.Add(new(name, type, binding.GetProperty("path").GetString()!, connection)); break;
                    case "queueTrigger": entries.Add(new(name, type, binding.GetProperty("queueName").GetString()!, connection)); break;
                    case "timerTrigger": entries.Add(new(name, type, binding.GetProperty("schedule").GetString()!, null)); break;
                    case "httpTrigger":
                        foreach (var method in binding.GetProperty("methods").EnumerateArray())
                            entries.Add(new(null, type, $"{method.GetString()!.ToUpperInvariant()} api/{binding.GetProperty("route").GetString()}",
                                binding.GetProperty("authLevel").GetString() switch { "Anonymous" => "open", "Admin" => "admin", _ => "key" }));
                        break;
                    case "http" when binding.GetProperty("direction").GetString() == "Out": break; // the HTTP response
                    case "queue": entries.Add(new(name, "queue output", binding.GetProperty("queueName").GetString()!, connection)); break;
                    case "blob": entries.Add(new(name, $"blob {binding.GetProperty("direction").GetString()!.ToLowerInvariant()}", binding.GetProperty("path").GetString()!, connection)); break;
                    default:
                        entries.Add(new(name, $"{binding.GetProperty("direction").GetString()} {type}", binding.ToString(), connection)); break;
                }
            }
        }
        return entries;
    }

    /// <summary>The local engine's index: its [FunctionName] methods with their WebJobs attributes, and its route table.</summary>
    private static List<IndexEntry> EngineIndex()
    {
        var entries = new List<IndexEntry>();
        foreach (var (function, attribute) in EngineTriggerAttributes())
        {
            var type = attribute.GetType().Name;
            string? Property(string p) => attribute.GetType().GetProperty(p)?.GetValue(attribute)?.ToString();
            entries.Add(type switch
            {
                "BlobTriggerAttribute" => new(function, "blobTrigger", Property("BlobPath")!, Property("Connection")),
                "QueueTriggerAttribute" => new(function, "queueTrigger", Property("QueueName")!, Property("Connection")),
                "TimerTriggerAttribute" => new(function, "timerTrigger", Property("ScheduleExpression")!, null),
                "QueueAttribute" => new(function, "queue output", Property("QueueName")!, Property("Connection")),
                "BlobAttribute" => new(function, "blob " + (Property("Access") == "Read" ? "in" : "out"), Property("BlobPath")!, Property("Connection")),
                _ => new(function, "binding " + type, attribute.ToString()!, Property("Connection")), // an output or input binding
            });
        }

        var host = PipelineHost.Build([], new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        try
        {
            foreach (var endpoint in ((IEndpointRouteBuilder)host).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var access = endpoint.Metadata.GetMetadata<ApiKeyFilterMarker>()?.Access;
                entries.Add(new(null, "httpTrigger", $"{method} {endpoint.RoutePattern.RawText!.TrimStart('/')}",
                    access switch { ApiAccess.Admin => "admin", ApiAccess.Read => "key", _ => "open" }));
            }
        }
        finally
        {
            ((IDisposable)host).Dispose();
        }
        return entries;
    }

    /// <summary>Every binding attribute (Microsoft.Azure.WebJobs) on the parameters of the engine's [FunctionName] methods.</summary>
    private static IEnumerable<(string Function, Attribute Attribute)> EngineTriggerAttributes() =>
        from type in typeof(PipelineHost).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let name = method.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name == "FunctionNameAttribute")
        where name is not null
        from parameter in method.GetParameters()
        from attribute in parameter.GetCustomAttributes()
        where attribute.GetType().Namespace?.StartsWith("Microsoft.Azure.WebJobs") == true
        select ((string)name.GetType().GetProperty("Name")!.GetValue(name)!, attribute);
}
