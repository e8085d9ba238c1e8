using System.Diagnostics;
using System.Diagnostics.Metrics;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Settings;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>
/// The pipeline's own traces and metrics: one ActivitySource and one Meter, both named <see cref="SourceName"/>.
/// Every function run is measured by <see cref="TelemetryFunctionFilter"/>; stages add what only they know
/// (row counts, queue lag) through the Record methods. Registered once in DI; the meter comes from the host's
/// IMeterFactory, so two hosts in one process (tests) keep their measurements apart.
/// </summary>
public sealed class PipelineTelemetry : IDisposable, IUploadRowsObserver
{
    public const string SourceName = "CustomerValue.Pipeline";

    public const string FunctionDurationInstrument = "pipeline.function.duration";
    public const string FunctionFailuresInstrument = "pipeline.function.failures";
    public const string RowsInstrument = "pipeline.rows";
    public const string QueueLagInstrument = "pipeline.queue.lag";

    public const string FunctionTag = "function";
    public const string OutcomeTag = "outcome";
    public const string KindTag = "kind";
    public const string QueueTag = "queue";
    public const string ErrorTypeTag = "error.type";

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    private readonly Histogram<double> functionDuration;
    private readonly Counter<long> functionFailures;
    private readonly Counter<long> rows;
    private readonly Histogram<double> queueLag;

    public PipelineTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(SourceName);
        functionDuration = Meter.CreateHistogram<double>(FunctionDurationInstrument, "s", "Duration of one function run, by function and outcome.");
        functionFailures = Meter.CreateCounter<long>(FunctionFailuresInstrument, "{run}", "Function runs that ended in an exception.");
        rows = Meter.CreateCounter<long>(RowsInstrument, "{row}", "Rows read from uploads, by kind and outcome (accepted or rejected).");
        queueLag = Meter.CreateHistogram<double>(QueueLagInstrument, "s", "Time from a message's insertion into a queue to the start of its processing.");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; } = new(SourceName);

    /// <summary>Starts the span of one function run (null when nobody listens).</summary>
    public Activity? StartFunction(string function, Guid invocationId)
    {
        var activity = ActivitySource.StartActivity(function, ActivityKind.Consumer);
        activity?.SetTag("faas.name", function);
        activity?.SetTag("faas.invocation_id", invocationId.ToString());
        return activity;
    }

    public void RecordFunctionRun(string function, TimeSpan duration, Exception? failure)
    {
        var outcome = failure is null ? Succeeded : Failed;
        functionDuration.Record(duration.TotalSeconds, new(FunctionTag, function), new(OutcomeTag, outcome));
        if (failure is not null)
            functionFailures.Add(1, new(FunctionTag, function), new(ErrorTypeTag, failure.GetType().Name));
    }

    /// <summary>Rows of one upload (or one chunk of it): kind is the upload kind, e.g. "transactions".</summary>
    public void RecordRows(string kind, long accepted, long rejected)
    {
        if (accepted > 0) rows.Add(accepted, new(KindTag, kind), new(OutcomeTag, Accepted));
        if (rejected > 0) rows.Add(rejected, new(KindTag, kind), new(OutcomeTag, Rejected));
    }

    void IUploadRowsObserver.RowsRead(CustomerValue.Ingestion.UploadKind? kind, long accepted, long rejected) =>
        RecordRows(CustomerValue.Storage.Uploads.UploadBlobIndex.PartitionOf(kind), accepted, rejected);

    /// <summary>Time a message waited in <paramref name="queue"/>; negative lags (clock skew) count as zero.</summary>
    public void RecordQueueLag(string queue, TimeSpan lag) =>
        queueLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>(QueueTag, queue));

    /// <summary>The meter belongs to the host's IMeterFactory, which disposes it.</summary>
    public void Dispose() => ActivitySource.Dispose();
}
