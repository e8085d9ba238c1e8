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

        Assert.Equal("1,plan,basic,4000,77777.77,0.21,0.08,5,12000,delivery", csv.Split("\r\n")[1]);
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
