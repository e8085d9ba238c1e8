using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.LocalEngine.Reports;
using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Notifications;
using CustomerValue.Application.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Reports;

/// <summary>
/// The report endpoints over Kestrel on loopback with an in-memory data source (the table-backed one is not needed
/// to test formats, masking and query errors): segments, opportunities, surveys and customers in json, csv and html.
/// </summary>
public sealed class ReportApiTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(ApiTestKeys.Settings())
        {
            [StorageSettings.ConnectionSetting] = "UseDevelopmentStorage=true", // never reached by these endpoints
        });
        builder.Services.AddSingleton<IReportDataSource>(SampleReportData.Create()); // registered first: the default must not replace it
        builder.Services.AddCustomerValuePipeline(builder.Configuration);
        builder.Services.AddReportsAndNotifications(builder.Configuration);
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        app = builder.Build();
        app.MapReportEndpoints();
        await app.StartAsync();
        http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("x-functions-key", ApiTestKeys.Read);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Segments_come_as_json_filtered_by_dimension()
    {
        var all = await http.GetFromJsonAsync<JsonElement>("/api/reports/segments?to=2026-11-30");
        var plans = await http.GetFromJsonAsync<JsonElement>("/api/reports/segments?to=2026-11-30&segment=plan");

        Assert.Equal(2, all.GetArrayLength());
        Assert.Equal(1, plans.GetArrayLength());
        Assert.Equal(345, plans[0].GetProperty("customers").GetInt32());
    }

    [Fact]
    public async Task Csv_is_served_as_a_download_with_hostile_text_neutralised()
    {
        var response = await http.GetAsync("/api/reports/segments?to=2026-11-30&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("\r\nplan,\"'=HYPERLINK(\"\"http://evil\"\")\",2026-11-01,345,-1234.5,", csv);
    }

    [Fact]
    public async Task Html_pages_carry_a_policy_that_forbids_scripts_and_encode_comments()
    {
        var response = await http.GetAsync("/api/reports/surveys?from=2026-10-01&to=2026-11-01&format=html");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("250 responses", html);
    }

    [Fact]
    public async Task Opportunities_csv_lists_the_ranked_segment_with_its_figures()
    {
        var csv = await http.GetStringAsync("/api/reports/opportunities?format=csv");

        var row = csv.Split("\r\n")[1];
        Assert.StartsWith("1,plan,basic,", row);
        Assert.Contains(",4000,USD,77777.77,0.21,0.08,5,12000,delivery,", row);
        Assert.Contains("customers who mention delivery churn more: r = 0.21 (95 % CI 0.10 to 0.32, p = 3.0e-4, n = 300)", row);
    }

    [Fact]
    public async Task Drivers_come_with_effect_interval_p_value_and_n()
    {
        var report = await http.GetFromJsonAsync<JsonElement>("/api/reports/drivers?to=2026-11-30");

        var csat = report.GetProperty("drivers").EnumerateArray().Single(d => d.GetProperty("driver").GetString() == "csat");
        Assert.Equal(-0.40, csat.GetProperty("effect").GetDouble());
        Assert.Equal(5e-5, csat.GetProperty("pValue").GetDouble());
        Assert.Equal(120, csat.GetProperty("n").GetInt32());
        Assert.InRange(csat.GetProperty("low").GetDouble(), -0.55, -0.23);
        Assert.InRange(csat.GetProperty("high").GetDouble(), -0.55, -0.23);
        Assert.Contains("Fisher", report.GetProperty("definition").GetString());
        var page = await http.GetStringAsync("/api/reports/drivers?to=2026-11-30&format=html");
        Assert.Contains("CSAT score (1-5)", page);
    }

    [Fact]
    public async Task Lifecycle_and_warnings_come_from_the_snapshot_at_or_before_to()
    {
        var lifecycle = await http.GetFromJsonAsync<JsonElement>("/api/reports/lifecycle?to=2026-11-30");
        Assert.Equal(400, lifecycle.GetProperty("lifecycle").GetProperty("newCustomers").GetInt32());
        Assert.Equal(45678.9m, lifecycle.GetProperty("lifecycle").GetProperty("expansionRevenue").GetDecimal());
        Assert.Equal(SampleReportData.AllocationWarning, lifecycle.GetProperty("warnings")[0].GetString());

        var warnings = await http.GetFromJsonAsync<JsonElement>("/api/reports/warnings?to=2026-11-30");
        Assert.Equal(SampleReportData.AllocationWarning, warnings.GetProperty("warnings")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/reports/lifecycle?to=2026-10-15")).StatusCode);
    }

    [Theory]
    [InlineData("segments")]
    [InlineData("opportunities")]
    [InlineData("drivers")]
    [InlineData("lifecycle")]
    [InlineData("warnings")]
    [InlineData("acquisition")]
    [InlineData("cohorts")]
    [InlineData("kpis")]
    public async Task Roi_report_prints_the_same_json_as_the_endpoint(string report)
    {
        var api = await http.GetStringAsync($"/api/reports/{report}?to=2026-11-30");
        var (status, cli) = await CustomerValue.Cli.Commands.ReportCommand.RunAsync(app.Services, report, null,
            new Dictionary<string, string?> { ["to"] = "2026-11-30" }, default);

        Assert.Equal(200, status);
        Assert.Equal(api, cli);
    }

    [Fact]
    public async Task Acquisition_shows_the_same_cac_ltv_to_cac_payback_and_n_in_json_csv_and_html()
    {
        var json = await http.GetFromJsonAsync<JsonElement>("/api/reports/acquisition?to=2026-11-30");
        var html = await http.GetStringAsync("/api/reports/acquisition?to=2026-11-30&format=html");
        var csv = (await http.GetStringAsync("/api/reports/acquisition?to=2026-11-30&format=csv")).Split("\r\n");

        Assert.Equal("USD", json.GetProperty("currency").GetString());
        Assert.Contains(SampleReportData.AllocationWarning, json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(Html.Encode(SampleReportData.AllocationWarning), html);
        foreach (var (_, definition) in CustomerValue.Value.ValueDefinitions.Acquisition)
        {
            Assert.Contains(definition, json.GetProperty("definitions").EnumerateArray().Select(d => d.GetProperty("value").GetString()));
            Assert.Contains(Html.Encode(definition), html);
        }
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(SampleReportData.SampleAcquisition.Count, groups.Count);
        foreach (var g in groups)
        {
            var key = $"{g.GetProperty("dimension").GetString()}:{g.GetProperty("value").GetString()}";
            var n = g.GetProperty("customers").GetInt32();
            double? Read(string name) => g.GetProperty(name).ValueKind == JsonValueKind.Null ? null : g.GetProperty(name).GetDouble();
            var start = html.IndexOf($"<tr data-acquisition=\"{Html.Encode(key)}\">", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{key} has a row on the page");
            var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
            Assert.Contains($">{FigureText.Format(n, FigureFormat.Count)}</td>", row);
            Assert.Contains($">{FigureText.Format(Read("cac"), FigureFormat.Money)}</td>", row);
            Assert.Contains(Read("ltvToCac") is { } ratio ? $">{FigureText.Format(ratio, FigureFormat.Multiple)} <small>(n = {FigureText.Format(n, FigureFormat.Count)})</small>" : $">{FigureText.Unknown}</td>", row);
            Assert.Contains(Read("paybackMonths") is { } months ? $">{FigureText.Format(months, FigureFormat.Score)} <small>(n = {FigureText.Format(n, FigureFormat.Count)})</small>" : $">{FigureText.Unknown}</td>", row);
            var line = csv.Single(l => l.Contains($",{g.GetProperty("dimension").GetString()},{g.GetProperty("value").GetString()},", StringComparison.Ordinal)).Split(',');
            Assert.Equal((n.ToString(System.Globalization.CultureInfo.InvariantCulture), "USD"), (line[3], line[4]));
            Assert.Equal(Read("ltvToCac"), line[8].Length == 0 ? null : double.Parse(line[8], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Contains("data-chart=\"acquisition\"", html);
    }

    [Fact]
    public async Task Acquisition_is_filtered_by_segment_and_keeps_everyone_as_the_comparison()
    {
        var json = await http.GetFromJsonAsync<JsonElement>("/api/reports/acquisition?to=2026-11-30&segment=channel");
        Assert.Equal(["all", "channel", "channel"], json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("dimension").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/reports/acquisition?to=2026-10-15")).StatusCode);
    }

    [Fact]
    public async Task Topics_by_segment_show_the_same_n_share_sentiment_and_revenue_at_risk_in_json_csv_and_html_and_filter_by_segment_and_topic()
    {
        const string window = "from=2026-10-01&to=2026-11-01";
        var json = await http.GetFromJsonAsync<JsonElement>($"/api/reports/surveys?{window}");
        var html = await http.GetStringAsync($"/api/reports/surveys?{window}&format=html");
        var csv = (await http.GetStringAsync($"/api/reports/surveys?{window}&format=csv")).Split("\r\n");
        var header = csv[0].Split(',');

        var rows = json.GetProperty("topicsBySegment").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        foreach (var r in rows)
        {
            var segment = $"{r.GetProperty("segment").GetProperty("dimension").GetString()}:{r.GetProperty("segment").GetProperty("value").GetString()}";
            var f = r.GetProperty("figures");
            var topic = f.GetProperty("topic").GetString()!;
            var n = f.GetProperty("customers").GetInt32();
            var start = html.IndexOf($"<tr data-segment-topic=\"{Html.Encode($"{segment}|{topic}")}\">", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{segment} {topic} has a row on the page");
            var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
            Assert.Contains($">{FigureText.Format(n, FigureFormat.Count)}</td>", row);
            Assert.Contains($">{FigureText.Format(f.GetProperty("shareOfCommenters").GetDouble(), FigureFormat.Percent)} <small>(n = {n})</small>", row);
            Assert.Contains($">{FigureText.Format(f.GetProperty("meanSentiment").GetDouble(), FigureFormat.Multiple)} <small>(n = {f.GetProperty("mentions").GetInt32()})</small>", row);
            var risk = f.GetProperty("revenueAtRisk");
            Assert.Contains($">{FigureText.Format(risk.ValueKind == JsonValueKind.Null ? null : risk.GetDouble(), FigureFormat.Money)}</td>", row);
            // The CSV line of the same segment and topic (the hostile segment name is quoted and neutralised there, so it is found by topic and figures).
            var line = csv.Select(l => l.Split(',')).Where(c => c.Length == header.Length && c[Array.IndexOf(header, "customers")] == n.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && c[Array.IndexOf(header, "topic")] == topic).ToList();
            var cells = Assert.Single(line);
            Assert.Equal(risk.ValueKind == JsonValueKind.Null ? "" : risk.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[Array.IndexOf(header, "revenue_at_risk")]);
            Assert.Equal("USD", cells[Array.IndexOf(header, "currency")]);
        }
        Assert.Contains("data-chart=\"topics-by-segment\"", html);
        Assert.Contains(Html.Encode(SegmentTopic.Definition), html);

        var filtered = await http.GetFromJsonAsync<JsonElement>($"/api/reports/surveys?{window}&segment=all:all&topic=Delivery");
        var only = Assert.Single(filtered.GetProperty("topicsBySegment").EnumerateArray());
        Assert.Equal(("all", "delivery", 35), (only.GetProperty("segment").GetProperty("dimension").GetString(), only.GetProperty("figures").GetProperty("topic").GetString(),
            only.GetProperty("figures").GetProperty("customers").GetInt32()));
        Assert.All(filtered.GetProperty("quotes").EnumerateArray(), q => Assert.Contains("delivery", q.GetProperty("topics").EnumerateArray().Select(t => t.GetString())));
        var (status, cli) = await CustomerValue.Cli.Commands.ReportCommand.RunAsync(app.Services, "surveys", null,
            new Dictionary<string, string?> { ["from"] = "2026-10-01", ["to"] = "2026-11-01", ["segment"] = "all:all", ["topic"] = "Delivery" }, default);
        Assert.Equal((200, await http.GetStringAsync($"/api/reports/surveys?{window}&segment=all:all&topic=Delivery")), (status, cli));
    }

    [Fact]
    public async Task Cohort_retention_comes_as_json_csv_and_a_heat_map()
    {
        var cohorts = await http.GetFromJsonAsync<JsonElement>("/api/reports/cohorts?to=2026-11-30");
        var august = cohorts.GetProperty("cohorts")[0];
        Assert.Equal(10, august.GetProperty("size").GetInt32());
        Assert.Equal([1.0, 0.8, 0.5], august.GetProperty("retention").EnumerateArray().Select(v => v.GetDouble()));

        var csv = await http.GetStringAsync("/api/reports/cohorts?to=2026-11-30&format=csv");
        Assert.Contains("\r\n2026-11-01,2026-08,10,2,5,0.5\r\n", csv);
        var page = await http.GetStringAsync("/api/reports/cohorts?to=2026-11-30&format=html");
        Assert.Contains("data-chart=\"cohorts\"", page);
        Assert.Contains("Months since acquisition", page);
    }

    [Fact]
    public async Task Surveys_carry_the_nps_split_ces_and_quotes_filtered_by_topic()
    {
        var survey = await http.GetFromJsonAsync<JsonElement>("/api/reports/surveys?from=2026-10-01&to=2026-11-01&topic=DELIVERY");

        Assert.Equal((110, 46, 44), (survey.GetProperty("promoters").GetInt32(), survey.GetProperty("passives").GetInt32(), survey.GetProperty("detractors").GetInt32()));
        Assert.Equal(2.1, survey.GetProperty("cesMean").GetDouble());
        var quote = Assert.Single(survey.GetProperty("quotes").EnumerateArray());
        Assert.Equal("Negative", quote.GetProperty("sentiment").GetString());
        var page = await http.GetStringAsync("/api/reports/surveys?from=2026-10-01&to=2026-11-01&format=html");
        Assert.Contains("data-chart=\"nps-split\"", page);
        Assert.Contains("Support answered within the hour", page);
    }

    [Fact]
    public async Task Money_in_json_is_rounded_to_the_cent()
    {
        var kpis = await http.GetStringAsync("/api/reports/kpis?to=2026-11-30");

        // 698,765.40 / 12,345 customers is 56.6031...; the report says 56.60 (cents), not the division's 28 digits.
        Assert.True(kpis.Contains("\"revenuePerCustomer\":56.60,"), kpis);
    }

    [Theory]
    [InlineData("segments", "plan", 1)]
    [InlineData("segments", "plan:nosuch", 0)]
    [InlineData("segments", "PLAN:=HYPERLINK(\"http://evil\")", 1)]
    [InlineData("opportunities", "plan:basic", 1)]
    [InlineData("opportunities", "plan", 1)]
    [InlineData("opportunities", "channel", 0)]
    public async Task The_segment_parameter_means_the_same_on_every_endpoint(string report, string segment, int rows)
    {
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/reports/{report}?to=2026-11-30&segment={Uri.EscapeDataString(segment)}");

        Assert.Equal(rows, list.GetArrayLength());
    }

    [Fact]
    public async Task The_customer_page_shows_the_same_cost_split_and_flags_in_json_csv_and_html()
    {
        var json = await http.GetFromJsonAsync<JsonElement>("/api/reports/customers/C-1");
        var html = await http.GetStringAsync("/api/reports/customers/C-1?format=html");
        var csv = (await http.GetStringAsync("/api/reports/customers/C-1?format=csv")).Split("\r\n");
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        string Cell(string name) => row[Array.IndexOf(header, name)];

        var parts = new[] { "acquisitionCost", "allocatedCost", "supportCost", "serviceCost", "otherCost" };
        Assert.Equal(json.GetProperty("cost").GetDecimal(), parts.Sum(p => json.GetProperty(p).GetDecimal())); // the split adds up to the cost
        foreach (var (property, label, column) in new[]
                 {
                     ("cost", "Cost", "cost"), ("acquisitionCost", "Acquisition cost", "acquisition_cost"), ("allocatedCost", "Allocated cost", "allocated_cost"),
                     ("allocatedAcquisitionCost", "Allocated acquisition and marketing cost (counted by CAC)", "allocated_acquisition_cost"),
                     ("supportCost", "Support cost", "support_cost"), ("serviceCost", "Service cost", "service_cost"), ("otherCost", "Other cost", "other_cost"),
                 })
        {
            var value = json.GetProperty(property).GetDecimal();
            Assert.Contains($"<tr><th>{label}</th><td>USD {FigureText.Format((double)value, FigureFormat.Money)}</td></tr>", html);
            Assert.Equal(value, decimal.Parse(Cell(column), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.False(json.GetProperty("churned").GetBoolean());
        Assert.Contains("<tr><th>Active</th><td>yes</td></tr>", html);
        Assert.Contains($"<tr><th>Churned</th><td>no ({SampleReportData.ChurnDefinition})</td></tr>", html);
        Assert.Equal(("true", "false"), (Cell("active"), Cell("churned")));
    }

    [Fact]
    public async Task A_read_key_sees_a_customer_with_email_and_name_masked()
    {
        var customer = await http.GetFromJsonAsync<JsonElement>("/api/reports/customers/C-1");

        Assert.Equal("j***@e***.com", customer.GetProperty("email").GetString());
        Assert.Equal("J. D.", customer.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/reports/customers/C-1?pii=true")).StatusCode);
    }

    [Fact]
    public async Task An_admin_key_asking_for_pii_sees_the_customer_in_full_and_only_then()
    {
        using var admin = new HttpClient { BaseAddress = http.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", ApiTestKeys.Admin);

        var full = await admin.GetFromJsonAsync<JsonElement>("/api/reports/customers/C-1?pii=true");
        var masked = await admin.GetFromJsonAsync<JsonElement>("/api/reports/customers/C-1");

        Assert.Equal("jane.doe@example.com", full.GetProperty("email").GetString());
        Assert.Equal("j***@e***.com", masked.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("/api/reports/segments?from=2026-13-01", "'from' must be a date as yyyy-MM-dd")]
    [InlineData("/api/reports/segments?format=xml", "'format' must be json, csv or html")]
    [InlineData("/api/reports/segments?from=2026-11-02&to=2026-11-01", "is after 'to'")]
    [InlineData("/api/reports/segments?segment=plan:", "'segment' must be dimension or dimension:value")]
    [InlineData("/api/reports/surveys?segment=:pro", "'segment' must be dimension or dimension:value")]
    [InlineData("/api/reports/drivers?segment=:", "'segment' must be dimension or dimension:value")]
    public async Task A_bad_query_gets_a_400_that_says_what_is_wrong(string url, string message)
    {
        var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/reports/customers/nobody")).StatusCode);
    }
}
