using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Notifications;
using CustomerValue.Application.Notifications;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CustomerValue.Tests.Notifications;

/// <summary>The KPI email through a real SMTP server on loopback, with the send ledger in a real Azurite.</summary>
[Collection(Reports.StorageHeavyTests.Name)]
public sealed class KpiEmailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly AzuriteInstance azurite = new();
    private readonly SmtpSink smtp = new();
    private StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(azurite.InitializeAsync(), smtp.InitializeAsync());
        storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private KpiEmailService Service(DateTimeOffset now, IReportDataSource? source = null)
    {
        var options = Options.Create(new EmailOptions
        {
            To = "ops@example.com", From = "reports@example.com", HistoryDays = 90,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, UseTls = SmtpTls.None },
        });
        return new KpiEmailService(source ?? SampleReportData.Create(), new EmailSendLedger(storage), new SmtpMailSender(options), options,
            new SettableClock(now), NullLogger<KpiEmailService>.Instance,
            Options.Create(new ReportOptions { Currency = "EUR", BaseUrl = "https://reports.example.com/" }));
    }

    [Fact]
    public async Task The_brief_has_both_parts_the_opportunities_in_money_the_drivers_a_link_and_the_charts_inline_as_pngs_with_axis_text()
    {
        var outcome = await Service(Now).SendForPeriodAsync(new DateOnly(2026, 11, 1), default);

        Assert.Equal(EmailOutcome.Sent, outcome);
        var mail = Assert.Single(smtp.Messages());
        var html = mail.GetProperty("html").GetString()!;
        var text = mail.GetProperty("text").GetString()!;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("12,345", text);      // the latest snapshot's customers
        Assert.Contains("EUR 77,777.77 of revenue at risk", text);
        Assert.Contains("EUR 77,777.77 of revenue at risk", html);
        Assert.Contains("What they say most: delivery", html);
        Assert.Contains("customers who mention delivery churn more: r = 0.21", text);
        Assert.Contains("CSAT score (1-5): r = -0.40", html);
        Assert.Contains("Value model: BG/NBD", html);
        Assert.Contains("href=\"https://reports.example.com/api/reports/kpis?format=html\"", html);
        Assert.Contains("Full report: https://reports.example.com/api/reports/kpis?format=html", text);
        Assert.DoesNotContain("<h2>Segments</h2>", html); // a brief, not the segment table
        Assert.Contains("<div class=\"value\">31.5</div>", html);
        var images = mail.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(5, images.Count); // four trends and the opportunities
        Assert.All(images, i => Assert.Contains($"cid:{i.GetProperty("cid").GetString()}", html));
        Assert.All(images, i => Assert.True(i.GetProperty("related").GetBoolean(), "charts are related parts of the HTML"));
        Assert.All(images, i => Assert.Equal("image/png", i.GetProperty("contentType").GetString()));
        Assert.All(images, i => Assert.Equal("iVBORw0KGgo", i.GetProperty("base64").GetString()![..11])); // the PNG signature
        // The NPS chart's table of values under the image shows the tile's 31.5 for the latest snapshot.
        Assert.Contains("<tr><th>2026-11-01</th><td class=\"num\">31.5</td></tr>", html);
        foreach (var image in images)
        {
            using var png = SKBitmap.Decode(Convert.FromBase64String(image.GetProperty("base64").GetString()!));
            Assert.NotNull(png);
            var (width, height) = (png.Width / 2, png.Height / 2); // CSS pixels at twice the density
            Assert.Equal(480, width);
            var (title, valueAxis, categoryAxis) = PngImages.TrendTextPixels(png, width, height);
            Assert.True(title > 150 && valueAxis > 150 && categoryAxis > 150,
                $"{image.GetProperty("cid").GetString()}: text pixels: title {title}, left axis {valueAxis}, bottom axis {categoryAxis}");
        }
    }

    [Fact]
    public async Task A_period_without_a_snapshot_is_not_sent_and_not_used_up_so_the_next_run_sends_it()
    {
        var period = new DateOnly(2026, 9, 1);
        var source = SampleReportData.Create();
        var snapshots = source.History.ToList();
        source.History.Clear();
        Assert.Equal(EmailOutcome.NoSnapshot, await Service(Now, source).SendForPeriodAsync(period, default));
        Assert.DoesNotContain(smtp.Messages(), m => m.GetProperty("subject").GetString()!.Contains("2026-09-01"));

        source.History.AddRange(snapshots.Select(s => s with { AsOf = new DateTimeOffset(2026, 8, 31, 2, 0, 0, TimeSpan.Zero) }).Take(1));
        Assert.Equal(EmailOutcome.Sent, await Service(Now.AddDays(1), source).SendForPeriodAsync(period, default));
    }

    [Fact]
    public async Task A_period_already_sent_is_not_sent_again()
    {
        var period = new DateOnly(2026, 10, 1);
        Assert.Equal(EmailOutcome.Sent, await Service(Now).SendForPeriodAsync(period, default));
        Assert.Equal(EmailOutcome.AlreadySent, await Service(Now.AddHours(1)).SendForPeriodAsync(period, default));

        Assert.Single(smtp.Messages());
        var record = await new EmailSendLedger(storage).GetAsync(KpiEmailService.Kind, "2026-10-01", default);
        Assert.Equal(EmailSendLedger.Sent, record!.Status);
        Assert.Equal(smtp.Messages()[0].GetProperty("messageId").GetString(), $"<{record.MessageId}>");
    }

    [Fact]
    public async Task A_run_that_stalled_while_sending_is_left_alone_within_its_lease_and_resent_with_the_same_message_id_after()
    {
        var ledger = new EmailSendLedger(storage);
        var (claim, messageId) = await ledger.TryClaimAsync(KpiEmailService.Kind, "2026-09-01", "crashed-run@example.com", TimeSpan.FromMinutes(10), Now, default);
        Assert.Equal(EmailClaim.Claimed, claim); // ...and the process died before "sent"

        Assert.Equal(EmailOutcome.InFlight, await Service(Now.AddMinutes(5)).SendForPeriodAsync(new DateOnly(2026, 9, 1), default));
        Assert.Empty(smtp.Messages());

        Assert.Equal(EmailOutcome.Sent, await Service(Now.AddMinutes(11)).SendForPeriodAsync(new DateOnly(2026, 9, 1), default));
        Assert.Equal($"<{messageId}>", Assert.Single(smtp.Messages()).GetProperty("messageId").GetString());
        Assert.Equal(2, (await ledger.GetAsync(KpiEmailService.Kind, "2026-09-01", default))!.Attempts);
    }
}
