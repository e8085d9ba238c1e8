using System.Text.Json;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Settings;

namespace CustomerValue.Application.Reconciliation;

/// <summary>Puts poisoned work back on its queue after a fix: `roi replay`.</summary>
public sealed class FailureReplayer(StorageClients storage, FailureLedger failures)
{
    public async Task<IReadOnlyList<FailureRecord>> ReplayAsync(Func<FailureRecord, bool> which, CancellationToken cancellationToken)
    {
        var replayed = new List<FailureRecord>();
        foreach (var failure in await failures.ListAsync(FailureStatus.Poisoned, cancellationToken))
        {
            if (!which(failure)) continue;
            var (queue, message) = failure.Source switch
            {
                FailureSources.Metrics => (StorageNames.Queues.Metrics, failure.Subject),
                FailureSources.Sentiment => (StorageNames.Queues.Sentiment, failure.Subject),
                FailureSources.Blob => (StorageNames.Queues.Ingest, JsonSerializer.Serialize(new IngestWorkItem(failure.Subject))),
                _ => throw new InvalidOperationException($"Unknown failure source '{failure.Source}'."),
            };
            await storage.Queue(queue).SendMessageAsync(message, cancellationToken);
            await failures.MarkReplayedAsync(failure, cancellationToken);
            replayed.Add(failure);
        }
        return replayed;
    }
}
