namespace CustomerValue.Storage;

/// <summary>
/// Event ids of the pipeline's log lines, a block of a thousand per stage, so that a support engineer can filter one
/// stage (e.g. 2000-2999 for metrics) and every line of a stage keeps its number across releases.
/// </summary>
public static class LogEvents
{
    /// <summary>The wrapper around every blob and queue function: work started, finished, failed, poisoned.</summary>
    public const int Functions = 1000;
    public const int Ingestion = 2000;
    public const int Metrics = 3000;
    public const int Sentiment = 4000;
    public const int Snapshots = 5000;
    public const int Notifications = 6000;
    public const int Reconciliation = 7000;
    public const int Uploads = 8000;
}
