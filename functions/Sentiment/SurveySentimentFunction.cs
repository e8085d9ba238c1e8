using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using CustomerValue.Storage.Sentiment;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.Functions.Sentiment;

/// <summary>sentiment queue -> every comment of one survey upload scored and stored.</summary>
public sealed class SurveySentimentFunction(SurveySentimentService sentiment, FailureLedger failures)
{
    [FunctionName(nameof(SurveySentimentFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Sentiment, Connection = StorageSettings.ConnectionSetting)] string message,
        DateTimeOffset insertionTime, // read by the telemetry filter for queue lag
        CancellationToken cancellationToken) =>
        failures.RunMessageAsync<SentimentWorkItem>(FailureSources.Sentiment, message, work => sentiment.ScoreUploadAsync(work, cancellationToken), cancellationToken);
}
