using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CustomerValue.LocalEngine.Reports;
using CustomerValue.Storage;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReportRoutes = CustomerValue.Application.Reports.ReportRoutes;

namespace CustomerValue.Tests.Hostile;

/// <summary>
/// Every endpoint of the running local engine, read from its route table (so that a new endpoint is walked too),
/// called with each bad parameter: a 400 naming the parameter where the endpoint takes it, never a 5xx anywhere.
/// </summary>
public sealed class EndpointWalkTests : PipelineTest
{
    protected override IDictionary<string, string?> HostSettings => ApiTestKeys.Settings();

    /// <summary>The parameters each route takes; a route not named here takes none (and must still never answer 5xx).</summary>
    private static readonly string[] ReportQueryParameters = ["from", "to", "format", "segment", "pii"];
    private static readonly Dictionary<string, string[]> ParametersOf = new()
    {
        [ReportRoutes.Kpis] = ReportQueryParameters,
        [ReportRoutes.Segments] = ReportQueryParameters,
        [ReportRoutes.Opportunities] = ReportQueryParameters,
        [ReportRoutes.Surveys] = ReportQueryParameters,
        [ReportRoutes.Customer] = ReportQueryParameters,
        [ReportRoutes.Snapshot] = ["asOf"],
    };

    public static readonly (string Parameter, string Value)[] BadValues =
    [
        ("from", "0001-01-01"), ("to", "0001-01-01"), ("from", "9999-12-31"), ("to", "9999-12-31"), ("from", "1600-12-31"),
        ("from", "not-a-date"), ("to", "2026-02-30"), ("to", "20260101"), ("from", "-1"), ("to", "99999999999999999999"),
        ("format", "xml"), ("format", "1"), ("format", ""), ("pii", "yes"), ("pii", "2"),
        ("segment", "nocolon"), ("segment", ":"), ("segment", "plan:"), ("segment", "\u0001:x"), ("segment", new string('s', 5000)),
        ("asOf", "0001-01-01"), ("asOf", "9999-12-31T23:59:59Z"), ("asOf", "soon"), ("asOf", "1e400"),
    ];

    [Fact]
    public async Task Every_endpoint_answers_400_naming_the_parameter_or_ignores_it_and_never_5xx()
    {
        using var http = Client(ApiTestKeys.Admin);
        var operations = ReportEndpoints.Operations(Pipeline.Services.GetRequiredService<EndpointDataSource>()).ToList();
        Assert.Contains(operations, o => o.Route == ReportRoutes.Surveys); // the table was read

        var failures = new List<string>();
        foreach (var operation in operations)
        foreach (var (parameter, value) in BadValues)
        {
            var route = operation.Route.Replace("{id}", "C-1");
            var url = $"/{ReportRoutes.Prefix}/{route}?{parameter}={Uri.EscapeDataString(value)}";
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), url));
            var status = (int)response.StatusCode;
            var takesIt = ParametersOf.GetValueOrDefault(operation.Route, []).Contains(parameter)
                          && !(parameter == "format" && value == "") // an empty format is the default
                          // a dimension alone is a segment everywhere but where customers are filtered by a value (surveys)
                          && !(parameter == "segment" && value == "nocolon" && operation.Route is not ReportRoutes.Surveys);
            if (status >= 500) failures.Add($"{operation.Method} {url[..Math.Min(url.Length, 120)]}: {status}");
            else if (takesIt && status != 400) failures.Add($"{operation.Method} {url[..Math.Min(url.Length, 120)]}: {status}, expected 400");
            else if (status == 400)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (problem.GetProperty("parameter").GetString() != parameter || !problem.GetProperty("detail").GetString()!.Contains($"'{parameter}'"))
                    failures.Add($"{operation.Method} {url[..Math.Min(url.Length, 120)]}: 400 names {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The HTML overview filters its survey figures by the segment too, so there a dimension alone is refused.
        using var overview = await http.GetAsync($"/{ReportRoutes.Prefix}/{ReportRoutes.Kpis}?format=html&segment=plan");
        Assert.Equal(HttpStatusCode.BadRequest, overview.StatusCode);
        Assert.Equal("segment", (await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Customer_ids_with_reserved_characters_are_fetched_when_encoded()
    {
        string[] ids = ["A/B", "C#D", "E?F", "G\\H", "I J", "K%L"];
        var csv = "customer_id,signup_date,plan\n" + string.Concat(ids.Select(id => $"\"{id}\",2024-01-05,pro\n"));
        var content = Encoding.UTF8.GetBytes(csv);
        await Pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("customers/ids.csv").UploadAsync(BinaryData.FromBytes(content));
        var uploadId = await UploadIds.FromContentAsync("customers", new MemoryStream(content), default);
        var ledger = Pipeline.Services.GetRequiredService<UploadLedger>();
        var entry = await Pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default), r => r?.Status is UploadStatus.Completed or UploadStatus.Failed, Patience, "customers/ids.csv processed");
        Assert.Equal((UploadStatus.Completed, ids.Length), (entry!.Status, entry.RowsAccepted));

        using var http = Client(ApiTestKeys.Read);
        foreach (var id in ids)
        {
            using var response = await http.GetAsync($"/api/reports/customers/{Uri.EscapeDataString(id)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString());
        }
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Pipeline.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }
}
