using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerValue.Tests.Deployment;

/// <summary>What one instrument recorded: value, tags, and the meter's scope (the IMeterFactory of one host).</summary>
internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, object? Scope);

/// <summary>Collects every measurement of the pipeline's meter, in process.</summary>
internal sealed class PipelineMeasurements : IDisposable
{
    private readonly MeterListener listener = new();

    public PipelineMeasurements()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.SourceName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        listener.Start();
    }

    public ConcurrentQueue<Measurement> All { get; } = new();

    public IEnumerable<Measurement> Of(string instrument, object scope) =>
        All.Where(m => m.Instrument == instrument && ReferenceEquals(m.Scope, scope));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        All.Enqueue(new Measurement(instrument.Name, value, new Dictionary<string, object?>(tags.ToArray()), instrument.Meter.Scope));

    public void Dispose() => listener.Dispose();
}

public sealed class TelemetryTests
{
    [Fact]
    public void Rows_and_queue_lag_are_recorded_with_their_tags()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<PipelineTelemetry>().BuildServiceProvider();
        using var measurements = new PipelineMeasurements();
        var telemetry = services.GetRequiredService<PipelineTelemetry>();
        var scope = services.GetRequiredService<IMeterFactory>();

        telemetry.RecordRows("transactions", accepted: 7, rejected: 2);
        telemetry.RecordRows("costs", accepted: 3, rejected: 0);
        telemetry.RecordQueueLag("metrics", TimeSpan.FromMilliseconds(1500));
        telemetry.RecordQueueLag("metrics", TimeSpan.FromSeconds(-3)); // clock skew between writer and reader

        var rows = measurements.Of(PipelineTelemetry.RowsInstrument, scope)
            .Select(m => ((string)m.Tags["kind"]!, (string)m.Tags["outcome"]!, m.Value)).ToList();
        Assert.Equal([("transactions", "accepted", 7d), ("transactions", "rejected", 2d), ("costs", "accepted", 3d)], rows);
        var lags = measurements.Of(PipelineTelemetry.QueueLagInstrument, scope).ToList();
        Assert.Equal([1.5, 0], lags.Select(m => m.Value));
        Assert.All(lags, m => Assert.Equal("metrics", m.Tags["queue"]));
    }

#pragma warning disable CS0618 // the WebJobs filter API is "preview" in 3.x
    [Fact]
    public async Task The_filter_measures_a_failed_run_and_the_queue_lag_of_a_queue_function()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<PipelineTelemetry>().BuildServiceProvider();
        using var measurements = new PipelineMeasurements();
        var filter = new TelemetryFunctionFilter(services.GetRequiredService<PipelineTelemetry>());
        var scope = services.GetRequiredService<IMeterFactory>();
        var id = Guid.NewGuid();
        var arguments = new Dictionary<string, object> { [TelemetryFunctionFilter.InsertionTimeParameter] = DateTimeOffset.UtcNow.AddMinutes(-2) };
        var properties = new Dictionary<string, object>();

        await filter.OnExecutingAsync(new FunctionExecutingContext(arguments, properties, id, "CustomerMetricsFunction", NullLogger.Instance), default);
        var failure = new FunctionInvocationException("wrapped", new InvalidDataException("The metrics message is empty."));
        await filter.OnExecutedAsync(new FunctionExecutedContext(arguments, properties, id, "CustomerMetricsFunction", NullLogger.Instance,
            new FunctionResult(failure)), default);

        var lag = Assert.Single(measurements.Of(PipelineTelemetry.QueueLagInstrument, scope));
        Assert.Equal(StorageNames.Queues.Metrics, lag.Tags["queue"]);
        Assert.InRange(lag.Value, 119, 150);
        var run = Assert.Single(measurements.Of(PipelineTelemetry.FunctionDurationInstrument, scope));
        Assert.Equal("failed", run.Tags["outcome"]);
        var failed = Assert.Single(measurements.Of(PipelineTelemetry.FunctionFailuresInstrument, scope));
        Assert.Equal(nameof(InvalidDataException), failed.Tags["error.type"]);
    }
#pragma warning restore CS0618

    [Fact]
    public void Queue_functions_are_mapped_to_their_queues()
    {
        var map = TelemetryFunctionFilter.QueueTriggeredFunctions(typeof(TelemetryFunctionFilter).Assembly);
        Assert.Equal(StorageNames.Queues.Metrics, map["CustomerMetricsFunction"]);
        Assert.Equal(StorageNames.Queues.Ingest, map["IngestQueueFunction"]);
        Assert.DoesNotContain("UploadBlobFunction", map.Keys); // a blob trigger has no queue lag
    }
}

/// <summary>The real host, a real upload: every function run leaves a span and a duration measurement.</summary>
public sealed class RunningHostTelemetryTests : IAsyncLifetime
{
    private readonly AzuriteInstance azurite = new();
    private readonly PipelineMeasurements measurements = new();
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener spanListener;
    private RunningPipeline pipeline = null!;

    public RunningHostTelemetryTests()
    {
        spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(spanListener);
    }

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        // The blob trigger is off by default (discovery finds files); this test measures it, so it runs here,
        // and the upload's buckets go through the metrics queue (a small upload is otherwise reduced right after it is read).
        pipeline = await RunningPipeline.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Functions:UploadBlobFunction:Disabled"] = "false",
            ["Pipeline:InlineReduceMaxRows"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await pipeline.DisposeAsync();
        await azurite.DisposeAsync();
        spanListener.Dispose();
        measurements.Dispose();
    }

    [Fact]
    public async Task An_upload_records_a_measured_run_of_the_blob_and_queue_functions()
    {
        var name = $"telemetry-{Guid.NewGuid():N}.csv";
        await pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"transactions/{name}")
            .UploadAsync(BinaryData.FromString("customer_id,date,amount\nT-1,2025-01-02,10.50\nT-2,2025-01-03,20.00\nT-3,not a date,5\n"));
        var scope = pipeline.Services.GetRequiredService<IMeterFactory>();

        var runs = await pipeline.EventuallyAsync(
            () => Task.FromResult(measurements.Of(PipelineTelemetry.FunctionDurationInstrument, scope).ToList()),
            list => Ran(list, "UploadBlobFunction") && Ran(list, "CustomerMetricsFunction"),
            TimeSpan.FromSeconds(90), "measured runs of the blob and metrics functions");

        var upload = runs.First(m => Equals(m.Tags["function"], "UploadBlobFunction"));
        Assert.True(upload.Value > 0, "a run takes some time");
        Assert.Contains(spans, s => s.DisplayName == "UploadBlobFunction" && Equals(s.GetTagItem("outcome"), "succeeded"));

        // The reading of the upload counted its rows by kind and outcome.
        var rows = measurements.Of(PipelineTelemetry.RowsInstrument, scope).ToList();
        Assert.All(rows, m => Assert.Equal("transactions", m.Tags[PipelineTelemetry.KindTag]));
        Assert.Equal(2, rows.Where(m => Equals(m.Tags[PipelineTelemetry.OutcomeTag], PipelineTelemetry.Accepted)).Sum(m => m.Value));
        Assert.Equal(1, rows.Where(m => Equals(m.Tags[PipelineTelemetry.OutcomeTag], PipelineTelemetry.Rejected)).Sum(m => m.Value));
    }

    private static bool Ran(IEnumerable<Measurement> runs, string function) =>
        runs.Any(m => Equals(m.Tags["function"], function) && Equals(m.Tags["outcome"], "succeeded"));
}
