using CustomerValue.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerValue.Application.Notifications;

public enum EmailOutcome { Sent, AlreadySent, InFlight, NoRecipients, NoSnapshot }

/// <summary>The scheduled weekly brief: one per period, HTML with a plain-text alternative and the charts inline, linking the full report.</summary>
public sealed partial class KpiEmailService(
    IReportDataSource source, EmailSendLedger ledger, IMailSender sender, IOptions<EmailOptions> options, TimeProvider clock, ILogger<KpiEmailService> logger,
    IOptions<CustomerValue.Application.Settings.ReportOptions>? reportOptions = null)
{
    public const string Kind = "kpi-email";

    /// <param name="period">The schedule occurrence the email stands for: the ledger key, so a retry of it sends once.</param>
    public async Task<EmailOutcome> SendForPeriodAsync(DateOnly period, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Recipients.Count == 0)
        {
            LogNoRecipients(logger, period);
            return EmailOutcome.NoRecipients;
        }
        // No snapshot to send: the period is not claimed in the ledger, so the next run tries it again.
        if ((await source.KpiHistoryAsync(period.AddDays(-settings.HistoryDays), period, cancellationToken)).Count == 0)
        {
            LogNoSnapshot(logger, period);
            return EmailOutcome.NoSnapshot;
        }
        var key = period.ToString("yyyy-MM-dd");
        var (claim, messageId) = await ledger.TryClaimAsync(Kind, key, NewMessageId(settings, key), settings.SendingLease, clock.GetUtcNow(), cancellationToken);
        if (claim != EmailClaim.Claimed)
        {
            LogSkipped(logger, period, claim);
            return claim == EmailClaim.AlreadySent ? EmailOutcome.AlreadySent : EmailOutcome.InFlight;
        }
        var reports = reportOptions?.Value ?? new CustomerValue.Application.Settings.ReportOptions();
        var report = await new ReportBuilder(source, reports.Currency).OverviewAsync(period.AddDays(-settings.HistoryDays), period, null, clock.GetUtcNow(), cancellationToken);
        var message = Compose(report with { Title = $"{settings.Subject} — {key}", FullReportUrl = reports.FullReportUrl }, settings, messageId);
        await SendWithRetriesAsync(message, period, key, settings, cancellationToken);
        await ledger.MarkSentAsync(Kind, key, messageId, clock.GetUtcNow(), cancellationToken);
        LogSent(logger, period, settings.Recipients.Count, messageId);
        return EmailOutcome.Sent;
    }

    /// <summary>
    /// Hands the message to the relay up to <see cref="EmailOptions.SendAttempts"/> times, always with the same Message-Id
    /// (a try that timed out after the relay took it is dropped as a duplicate by mail systems); after the last, the
    /// period is recorded as failed with the reason, and the failure goes on to the host.
    /// </summary>
    private async Task SendWithRetriesAsync(MimeMessage message, DateOnly period, string key, EmailOptions settings, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sender.SendAsync(message, cancellationToken);
                return;
            }
            catch (Exception e) when (MailFailures.IsTransient(e, cancellationToken))
            {
                if (attempt >= settings.SendAttempts)
                {
                    await ledger.MarkFailedAsync(Kind, key, $"{e.GetType().Name}: {e.Message} (after {attempt} tries)", clock.GetUtcNow(), cancellationToken);
                    LogFailed(logger, period, attempt, e.GetType().Name);
                    throw;
                }
                LogRetrying(logger, period, attempt, e.GetType().Name);
            }
            await Task.Delay(settings.SendRetryDelay, clock, cancellationToken);
        }
    }

    /// <summary>The weekly brief: HTML (charts as CID-linked inline images) with a plain-text alternative.</summary>
    public static MimeMessage Compose(ReportDocument report, EmailOptions settings, string messageId)
    {
        var message = new MimeMessage { Subject = report.Title, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse(settings.From ?? throw new InvalidOperationException("The setting 'Email:From' is missing.")));
        foreach (var to in settings.Recipients) message.To.Add(MailboxAddress.Parse(to));
        var body = new BodyBuilder { TextBody = PlainTextReport.RenderBrief(report) };
        var charts = new Dictionary<string, Chart>();
        var html = HtmlReportRenderer.RenderBrief(report, chart =>
        {
            charts[chart.Id] = chart;
            return "cid:" + ContentIdOf(chart, messageId);
        });
        foreach (var chart in charts.Values)
        {
            var image = ChartImage.Render(chart);
            var part = body.LinkedResources.Add(chart.Id + image.Extension, image.Content, ContentType.Parse(image.MediaType));
            part.ContentId = ContentIdOf(chart, messageId);
        }
        body.HtmlBody = html;
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string ContentIdOf(Chart chart, string messageId) => $"{chart.Id}.{messageId}";

    private static string NewMessageId(EmailOptions settings, string period)
    {
        var domain = settings.From is { } from && from.LastIndexOf('@') is var at and >= 0 ? from[(at + 1)..].TrimEnd('>', ' ') : "localhost";
        return $"kpi-{period}.{Guid.NewGuid():N}@{domain}";
    }

    [LoggerMessage(EventId = LogEvents.Notifications + 5, Level = LogLevel.Warning, Message = "KPI email for {Period}: try {Attempt} failed ({Error}); trying again")]
    private static partial void LogRetrying(ILogger logger, DateOnly period, int attempt, string error);

    [LoggerMessage(EventId = LogEvents.Notifications + 6, Level = LogLevel.Error, Message = "KPI email for {Period} not sent after {Attempts} tries ({Error}); recorded as failed, the next run tries again")]
    private static partial void LogFailed(ILogger logger, DateOnly period, int attempts, string error);

    [LoggerMessage(EventId = LogEvents.Notifications + 1, Level = LogLevel.Information, Message = "KPI email for {Period} not sent: Email:To is empty")]
    private static partial void LogNoRecipients(ILogger logger, DateOnly period);

    [LoggerMessage(EventId = LogEvents.Notifications + 4, Level = LogLevel.Warning, Message = "KPI email for {Period} not sent: no KPI snapshot in its window yet; the period stays open for the next run")]
    private static partial void LogNoSnapshot(ILogger logger, DateOnly period);

    [LoggerMessage(EventId = LogEvents.Notifications + 2, Level = LogLevel.Information, Message = "KPI email for {Period} skipped: {Claim}")]
    private static partial void LogSkipped(ILogger logger, DateOnly period, EmailClaim claim);

    [LoggerMessage(EventId = LogEvents.Notifications + 3, Level = LogLevel.Information, Message = "KPI email for {Period} sent to {Recipients} recipients as {MessageId}")]
    private static partial void LogSent(ILogger logger, DateOnly period, int recipients, string messageId);
}

/// <summary>A chart as an email attachment.</summary>
public sealed record ChartImageData(byte[] Content, string MediaType, string Extension);

public static class ChartImage
{
    /// <summary>The chart as a PNG part: most webmail will not show SVG.</summary>
    public static ChartImageData Render(Chart chart) => new(ChartRenderer.Png(chart), "image/png", ".png");
}
