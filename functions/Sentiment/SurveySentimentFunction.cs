using CustomerValue.Application.Messages;
using CustomerValue.Application.Sentiment;
using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Sentiment;

/// <summary>sentiment queue -> every comment of one survey upload scored and stored.</summary>
public sealed class SurveySentimentFunction(SurveySentimentService sentiment, FailureLedger failures)
{
    [Function(nameof(SurveySentimentFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Sentiment, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.RunMessageAsync<SentimentWorkItem>(FailureSources.Sentiment, message, work => sentiment.ScoreUploadAsync(work, cancellationToken), cancellationToken);
}
