using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerValue.LocalEngine.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CustomerValue.LocalEngine.Reports;

/// <summary>
/// An OpenAPI 3.0 document built from the route table, so it cannot drift from the endpoints. Written by hand:
/// the OpenAPI generator package is not part of the dependency set.
/// </summary>
public static class OpenApiDocument
{
    private static readonly string[] ReportQueryParameters = ["from", "to", "segment", "format", "pii"];

    public static string Build(IEnumerable<Endpoint> endpoints)
    {
        var paths = new JsonObject();
        foreach (var e in endpoints.OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText?.StartsWith("/api") == true).OrderBy(e => e.RoutePattern.RawText))
        {
            var path = "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Segment));
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            var secured = e.Metadata.OfType<ApiKeyFilterMarker>().FirstOrDefault();
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var parameters = new JsonArray();
                foreach (var p in e.RoutePattern.Parameters)
                    parameters.Add(new JsonObject { ["name"] = p.Name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                if (path.StartsWith("/api/reports"))
                    foreach (var q in ReportQueryParameters) parameters.Add(QueryParameter(q));
                if (path == "/api/admin/snapshot") foreach (var q in new[] { "asOf", "from", "to", "every" }) parameters.Add(QueryParameter(q));
                var operation = new JsonObject
                {
                    ["summary"] = e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
                    ["parameters"] = parameters,
                    ["responses"] = Responses(path, secured is not null),
                };
                if (secured is not null) operation["security"] = new JsonArray(new JsonObject { ["functionKeyHeader"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() });
                item[method.ToLowerInvariant()] = operation;
            }
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
                    ["functionKeyHeader"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = ApiKeys.HeaderName },
                    ["functionKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = ApiKeys.QueryName },
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Segment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart l => l.Content,
        RoutePatternParameterPart v => "{" + v.Name + "}",
        _ => "",
    }));

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

/// <summary>Marks an endpoint as needing a key, for the OpenAPI document.</summary>
public sealed record ApiKeyFilterMarker(ApiAccess Access);
