using CustomerValue.Ingestion;

namespace CustomerValue.Application.Ingestion;

/// <summary>
/// Told how many rows each reading of an upload accepted and rejected: the host's telemetry counts them. A reading
/// redone after a crash is reported again, so the counts are rows read, not distinct rows stored.
/// </summary>
public interface IUploadRowsObserver
{
    void RowsRead(UploadKind? kind, long accepted, long rejected);
}

/// <summary>The observer when nobody counts (tools, tests).</summary>
public sealed class NoUploadRowsObserver : IUploadRowsObserver
{
    public void RowsRead(UploadKind? kind, long accepted, long rejected) { }
}
