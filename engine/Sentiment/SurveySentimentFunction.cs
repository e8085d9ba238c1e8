using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Sentiment;
using CustomerValue.Application.Messages;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Sentiment;

/// <summary>sentiment queue -> every comment of one survey upload scored and stored.</summary>
public sealed class SurveySentimentFunction(SurveySentimentService sentiment, FailureLedger failures)
{
    [FunctionName(nameof(SurveySentimentFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Sentiment, Connection = StorageSettings.ConnectionSetting)] string message,
        DateTimeOffset insertionTime, // read by the telemetry filter for queue lag
        string id, // the message id, for the logging scope
        CancellationToken cancellationToken) =>
        failures.RunMessageAsync<SentimentWorkItem>(FailureSources.Sentiment, message, work => sentiment.ScoreUploadAsync(work, cancellationToken), cancellationToken, id);
}
