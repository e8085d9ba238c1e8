using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerValue.Tests.Deployment;

/// <summary>Reads a compiled ARM template: its resources by type, the templates of its modules, its variables.</summary>
internal static class ArmTemplate
{
    public static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray list => list.Select(r => r!.AsObject()),
            JsonObject named => named.Select(r => r.Value!.AsObject()),
            _ => [],
        };

    public static IEnumerable<JsonObject> Resources(JsonObject template, string type) =>
        Resources(template).Where(r => (string?)r["type"] == type);

    public static JsonObject Resource(JsonObject template, string type) =>
        Resources(template, type).SingleOrDefault() ?? throw new InvalidOperationException($"No single resource of type {type} in the template.");

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/> (Bicep: module x '...' = { name: ... }).</summary>
    public static JsonObject Module(JsonObject template, string deploymentName) =>
        Resources(template, "Microsoft.Resources/deployments").SingleOrDefault(r => (string?)r["name"] == deploymentName)?["properties"]?["template"]?.AsObject()
        ?? throw new InvalidOperationException($"No module deployed as '{deploymentName}'.");

    public static JsonNode Variable(JsonObject template, string name) =>
        template["variables"]?[name] ?? throw new InvalidOperationException($"No variable '{name}' in the template.");

    public static IReadOnlyList<string> StringArray(JsonNode node) => node.AsArray().Select(i => (string)i!).ToList();

    /// <summary>Every resource of the template and of its modules, at any depth.</summary>
    public static IEnumerable<JsonObject> AllResources(JsonObject template) =>
        Resources(template).SelectMany(r => r["properties"] is JsonObject { } properties && properties["template"] is JsonObject nested ? [r, .. AllResources(nested)] : new[] { r });

    /// <summary>The JSON text as the compiler wrote it (quotes in ARM expressions unescaped), for searching.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Readable);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
