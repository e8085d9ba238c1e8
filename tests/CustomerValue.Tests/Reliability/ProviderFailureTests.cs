using System.Net;
using System.Text.Json;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Notifications;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Sentiment;
using CustomerValue.Application.Settings;
using CustomerValue.Domain;
using CustomerValue.Functions.Hosting;
using CustomerValue.Functions.Ingestion;
using CustomerValue.Functions.Reliability;
using CustomerValue.Functions.Sentiment;
using CustomerValue.Ingestion;
using CustomerValue.Reports;
using CustomerValue.Sentiment;
using CustomerValue.Storage;
using CustomerValue.Storage.Notifications;
using CustomerValue.Storage.Records;
using CustomerValue.Storage.Reliability;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using CustomerValue.Tests.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Moq;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// The retry and poison paths when one of the pipeline's own providers fails: a sentiment analyzer that always
/// fails and a mail sender that times out, each replaced by a mock of its interface. Everything else is the worker
/// app's own registrations on a real Azurite.
/// </summary>
public sealed class ProviderFailureTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly AzuriteInstance azurite = new();
    private readonly SettableClock clock = new(Now);
    private readonly Mock<ISentimentAnalyzer> analyzer = new(MockBehavior.Strict);
    private readonly Mock<IMailSender> mail = new(MockBehavior.Strict);
    private ServiceProvider services = null!;

    private StorageClients Storage => services.GetRequiredService<StorageClients>();

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Email:To"] = "ops@example.com",
            ["Email:From"] = "reports@example.com",
            ["Email:HistoryDays"] = "90",
            ["Email:SendRetryDelay"] = "00:00:00",
        }).AddPipelineDefaults().Build();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IReportDataSource>(SampleReportData.Create()); // KPI history for the email to be about
        FunctionsAppServices.Configure(collection, configuration);
        collection.AddSingleton(analyzer.Object).AddSingleton(mail.Object); // the providers under test, over the app's own
        services = collection.BuildServiceProvider();
        await Storage.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private T Function<T>() => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>How many times the host delivers a message before it moves it to the poison queue (host.json, both engines).</summary>
    private static int MaxDequeueCount()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }

    [Fact]
    public async Task A_sentiment_provider_that_fails_is_retried_then_poisoned_with_its_reason_and_the_survey_rows_are_kept()
    {
        analyzer.Setup(a => a.AnalyzeAsync(It.IsAny<IReadOnlyList<SentimentDocument>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("Azure AI Language answered 503 (Service Unavailable)", null, HttpStatusCode.ServiceUnavailable));
        var survey = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Surveys", "typeform.csv"));
        await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("surveys/provider-down.csv").UploadAsync(BinaryData.FromString(survey));
        await using (var blob = await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("surveys/provider-down.csv").OpenReadAsync())
            await Function<UploadBlobFunction>().RunAsync(blob, "surveys", "provider-down.csv", default);
        var message = (await Storage.Queue(StorageNames.Queues.Sentiment).ReceiveMessageAsync()).Value.Body.ToString();
        var uploadId = JsonSerializer.Deserialize<SentimentWorkItem>(message)!.UploadId;
        var failures = services.GetRequiredService<FailureLedger>();

        // Each delivery fails and is recorded; the exception goes on to the host, which delivers it again.
        var deliveries = MaxDequeueCount();
        for (var delivery = 1; delivery <= deliveries; delivery++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => Function<SurveySentimentFunction>().RunAsync(message, default));
            var retrying = Assert.Single(await failures.ListAsync(FailureStatus.Retrying, default));
            Assert.Equal(delivery, retrying.Attempts);
        }
        // Then the host moves it to the poison queue, whose function parks it.
        await Function<PoisonFunctions>().SentimentAsync(message, default);

        analyzer.Verify(a => a.AnalyzeAsync(It.IsAny<IReadOnlyList<SentimentDocument>>(), It.IsAny<CancellationToken>()), Times.Exactly(deliveries));
        var poisoned = Assert.Single(await failures.ListAsync(FailureStatus.Poisoned, default));
        Assert.Equal((FailureSources.Sentiment, message, deliveries), (poisoned.Source, poisoned.Subject, poisoned.Attempts));
        Assert.Equal("HttpRequestException: Azure AI Language answered 503 (Service Unavailable)", poisoned.Reason);

        // Nothing good is lost: the responses stay stored, the upload waits for its scores, and the sweep leaves it parked.
        var upload = (await services.GetRequiredService<UploadLedger>().GetAsync(uploadId, default))!;
        Assert.Equal(UploadStatus.Aggregating, upload.Status);
        var responses = await services.GetRequiredService<KindRecordStore>().ReadAsync<SurveyResponse>(UploadKind.Surveys, [uploadId], default).ToListAsync();
        Assert.Equal(upload.RowsAccepted, responses.Count);
        Assert.True(responses.Count > 0);
        Assert.Empty(await services.GetRequiredService<SurveySentimentService>().ReadAsync([uploadId], default).ToListAsync());
        Assert.Equal(0, await services.GetRequiredService<UploadReconciler>().RedriveStalledAsync(Now.AddDays(1), default));
    }

    [Fact]
    public async Task A_mail_sender_that_times_out_once_is_tried_again_with_the_same_message_and_the_period_is_sent_once()
    {
        mail.SetupSequence(m => m.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("The SMTP relay did not answer within 2 minutes."))
            .Returns(Task.CompletedTask);
        var email = services.GetRequiredService<KpiEmailService>();
        var period = new DateOnly(2026, 10, 1);

        Assert.Equal(EmailOutcome.Sent, await email.SendForPeriodAsync(period, default));
        Assert.Equal(EmailOutcome.AlreadySent, await email.SendForPeriodAsync(period, default)); // the timer firing again

        var tries = mail.Invocations.Select(i => ((MimeMessage)i.Arguments[0]!).MessageId).ToList();
        Assert.Equal(2, tries.Count);
        Assert.Single(tries.Distinct()); // the retry is the same message: a relay that took the first drops the second
        var record = (await services.GetRequiredService<EmailSendLedger>().GetAsync(KpiEmailService.Kind, "2026-10-01", default))!;
        Assert.Equal((EmailSendLedger.Sent, tries[0]), (record.Status, record.MessageId));
    }

    [Fact]
    public async Task A_mail_sender_that_always_times_out_is_recorded_as_failed_after_its_tries_and_the_next_run_sends_it()
    {
        mail.Setup(m => m.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("The SMTP relay did not answer within 2 minutes."));
        var email = services.GetRequiredService<KpiEmailService>();
        var ledger = services.GetRequiredService<EmailSendLedger>();
        var period = new DateOnly(2026, 10, 8);

        await Assert.ThrowsAsync<TimeoutException>(() => email.SendForPeriodAsync(period, default));

        var attempts = new EmailOptions().SendAttempts; // the default: the one place it is set
        mail.Verify(m => m.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(attempts));
        var failed = (await ledger.GetAsync(KpiEmailService.Kind, "2026-10-08", default))!;
        Assert.Equal(EmailSendLedger.Failed, failed.Status);
        Assert.Equal($"TimeoutException: The SMTP relay did not answer within 2 minutes. (after {attempts} tries)", failed.Failure);

        // The relay is back: the next run (within the sending lease) claims the failed period and sends it once.
        mail.Reset();
        mail.Setup(m => m.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        clock.Now = Now.AddMinutes(1);
        Assert.Equal(EmailOutcome.Sent, await email.SendForPeriodAsync(period, default));
        Assert.Equal(EmailOutcome.AlreadySent, await email.SendForPeriodAsync(period, default));
        mail.Verify(m => m.SendAsync(It.Is<MimeMessage>(x => x.MessageId == failed.MessageId), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(EmailSendLedger.Sent, (await ledger.GetAsync(KpiEmailService.Kind, "2026-10-08", default))!.Status);
    }
}
