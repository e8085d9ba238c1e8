using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Notifications;

namespace CustomerValue.Tests.Reports;

/// <summary>
/// The real host against a real Azurite, with keys configured and the KPI email pointed at a real SMTP server on
/// loopback: keys, the admin snapshot, the OpenAPI document, and the timer's once-per-period email.
/// </summary>
[Collection(StorageHeavyTests.Name)]
public sealed class ReportHostTests : IAsyncLifetime
{
    private readonly AzuriteInstance azurite = new();
    private readonly SmtpSink smtp = new();
    private RunningPipeline pipeline = null!;
    internal static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(azurite.InitializeAsync(), smtp.InitializeAsync());
        // Two snapshots before the host starts, so the first email (the timer fires every second) already has them.
        var storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var store = new KpiSnapshotStore(storage);
        await store.SaveAsync(Today.AddDays(-14), SampleReportData.Snapshot(Today.AddDays(-14), 1_000, 40_000m, 0.10, 0.12, 20), default);
        await store.SaveAsync(Today.AddDays(-7), SampleReportData.Snapshot(Today.AddDays(-7), 1_100, 47_500m, 0.15, 0.11, 24), default);

        var settings = ApiTestKeys.Settings();
        settings["Email:Schedule"] = "* * * * * *";
        settings["Email:To"] = "ops@example.com; cfo@example.com";
        settings["Email:From"] = "Reports <reports@example.com>";
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = smtp.Port.ToString();
        settings["Email:Smtp:UseTls"] = "None";
        settings["Email:Smtp:User"] = "relay-user";
        settings["Email:Smtp:Password"] = "relay-password";
        pipeline = await RunningPipeline.StartAsync(azurite, settings);
    }

    public async Task DisposeAsync()
    {
        await pipeline.DisposeAsync();
        await smtp.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add("x-functions-key", key);
        return pipeline.Http.SendAsync(request);
    }

    [Fact]
    public async Task Health_needs_no_key_and_reports_need_a_valid_one()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/health", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/reports/kpis", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/reports/kpis", "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/uploads/x", ApiTestKeys.Read + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/reports/kpis", ApiTestKeys.Read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/reports/kpis?code={ApiTestKeys.Read}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/reports/kpis", ApiTestKeys.Admin)).StatusCode);
    }

    [Fact]
    public async Task The_kpi_report_reads_the_latest_snapshot_and_its_history()
    {
        var latest = await (await GetAsync("/api/reports/kpis", ApiTestKeys.Read)).Content.ReadFromJsonAsync<JsonElement>();
        var csv = await (await GetAsync("/api/reports/kpis?format=csv", ApiTestKeys.Read)).Content.ReadAsStringAsync();

        Assert.Equal(1_100, latest.GetProperty("customers").GetInt32());
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith($"{Today.AddDays(-14):yyyy-MM-dd},1000,3000,40000,0,40000,", rows[1]);
    }

    [Fact]
    public async Task A_read_key_may_not_take_a_snapshot_and_an_admin_key_may()
    {
        using var asReader = new HttpRequestMessage(HttpMethod.Post, "/api/manage/snapshot?asOf=2031-01-01");
        asReader.Headers.Add("x-functions-key", ApiTestKeys.Read);
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.Http.SendAsync(asReader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.Http.PostAsync("/api/manage/snapshot?asOf=2031-01-01", null)).StatusCode);

        var taken = await pipeline.Http.PostAsync($"/api/manage/snapshot?asOf=2031-01-01&code={ApiTestKeys.Admin}", null);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var latest = await (await GetAsync("/api/reports/kpis", ApiTestKeys.Read)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("2031-01-01", latest.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_the_key_schemes()
    {
        var doc = await (await GetAsync("/api/openapi.json", null)).Content.ReadFromJsonAsync<JsonElement>();

        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/reports/kpis", "/api/reports/segments", "/api/reports/opportunities", "/api/reports/surveys",
                     "/api/reports/customers/{id}", "/api/uploads/{id}", "/api/health", "/api/manage/snapshot" })
            Assert.True(paths.TryGetProperty(p, out _), $"{p} is in the document");
        Assert.True(paths.GetProperty("/api/manage/snapshot").TryGetProperty("post", out _));
        Assert.Equal("x-functions-key", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("functionKeyHeader").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_timer_sends_the_kpi_email_once_for_its_period_though_it_fires_every_second()
    {
        var messages = await Eventually.HoldsAsync(() => Task.FromResult(smtp.Messages()), m => m.Count >= 1, TimeSpan.FromSeconds(30), "the KPI email");
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more occurrences of the same period
        messages = smtp.Messages();

        // One email per period. The host runs on the real clock, so a run across midnight UTC has a second period.
        var periods = messages.GroupBy(m => m.GetProperty("subject").GetString()).ToList();
        Assert.All(periods, p => Assert.Single(p));
        var mail = periods[0].Single();
        Assert.Contains(mail.GetProperty("subject").GetString(), new[] { Today, Today.AddDays(1) }.Select(d => $"Customer value KPIs — {d:yyyy-MM-dd}"));
        Assert.Equal(["ops@example.com", "cfo@example.com"], mail.GetProperty("envelopeTo").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("relay-user", mail.GetProperty("user").GetString());
        var text = mail.GetProperty("text").GetString()!;
        var html = mail.GetProperty("html").GetString()!;
        // 1,100 customers, up 100 from 1,000; net revenue 47,500.00, up 7,500.00.
        Assert.Contains("1,100", text);
        Assert.Contains("(+100 since last period)", text);
        Assert.Contains("+7,500.00 since last period", html);
        var images = mail.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(4, images.Count);
        foreach (var image in images)
            Assert.Contains($"src=\"cid:{image.GetProperty("cid").GetString()}\"", html);
    }
}

/// <summary>The report tests that start Azurite, the host or a mail server run one class at a time: the machine is small.</summary>
[CollectionDefinition(Name)]
public sealed class StorageHeavyTests
{
    public const string Name = "Reports with storage";
}
