using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerValue.Application.Reports;

/// <summary>
/// An OpenAPI 3.0 document built from the operations an engine really serves (the local engine's route table, the
/// worker's [HttpTrigger] attributes), so it cannot drift from the endpoints. Written by hand: the OpenAPI generator
/// package is not part of the dependency set.
/// </summary>
public static class OpenApiDocument
{
    private static readonly string[] ReportQueryParameters = ["from", "to", "segment", "format", "pii"];

    /// <summary>The names Azure Functions clients send a key under; the local engine's key check reads the same.</summary>
    public const string KeyHeaderName = "x-functions-key", KeyQueryName = "code";

    public static string Build(IEnumerable<ApiOperation> operations)
    {
        var paths = new JsonObject();
        foreach (var op in operations.OrderBy(o => o.Route, StringComparer.Ordinal))
        {
            var path = "/" + ReportRoutes.Prefix + "/" + op.Route;
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            var secured = op.Access != EndpointAccess.Open;
            var parameters = new JsonArray();
            foreach (var p in PathParameters(op.Route))
                parameters.Add(new JsonObject { ["name"] = p, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
            if (path.StartsWith("/api/reports"))
                foreach (var q in ReportQueryParameters) parameters.Add(QueryParameter(q));
            if (op.Route == ReportRoutes.Snapshot) foreach (var q in new[] { "asOf", "from", "to", "every" }) parameters.Add(QueryParameter(q));
            var operation = new JsonObject
            {
                ["summary"] = op.Summary,
                ["parameters"] = parameters,
                ["responses"] = Responses(path, secured),
            };
            if (secured) operation["security"] = new JsonArray(new JsonObject { ["functionKeyHeader"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() });
            item[op.Method.ToLowerInvariant()] = operation;
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Customer value pipeline", ["version"] = "1.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKeyHeader"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = KeyHeaderName },
                    ["functionKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = KeyQueryName },
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<string> PathParameters(string route) =>
        route.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false,
        ["schema"] = name == "format" ? new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("json", "csv", "html") }
            : name == "pii" ? new JsonObject { ["type"] = "boolean" }
            : name is "from" or "to" ? new JsonObject { ["type"] = "string", ["format"] = "date" }
            : new JsonObject { ["type"] = "string" },
    };

    private static JsonObject Responses(string path, bool secured)
    {
        var responses = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } };
        if (path.StartsWith("/api/reports")) responses["400"] = new JsonObject { ["description"] = "Invalid query" };
        if (path.Contains('{') || path == "/api/reports/kpis" || path == "/api/reports/surveys") responses["404"] = new JsonObject { ["description"] = "Not found" };
        if (secured)
        {
            responses["401"] = new JsonObject { ["description"] = "No valid key" };
            responses["403"] = new JsonObject { ["description"] = "The key may not call this endpoint" };
        }
        return responses;
    }
}
