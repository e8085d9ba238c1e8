using System.Net;
using System.Net.Sockets;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Infrastructure;

/// <summary>The real host (every registration of Program) against a test's own Azurite, on a free loopback port.</summary>
public sealed class RunningPipeline : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HostLog log;

    private RunningPipeline(WebApplication app, HostLog log, Uri baseAddress)
    {
        this.app = app;
        this.log = log;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => app.Services;
    public StorageClients Storage => app.Services.GetRequiredService<StorageClients>();

    /// <summary>What the host logged last: the trigger engine's pickups and every warning.</summary>
    public string RecentLog => log.Tail();

    /// <summary>
    /// <see cref="Eventually.HoldsAsync"/> on this pipeline: a timeout carries the host's recent log, so that a
    /// run that failed on a loaded machine says whether the trigger saw, queued or ran the work.
    /// </summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        try
        {
            return await Eventually.HoldsAsync(probe, condition, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nThe host's recent log:\n{RecentLog}", e);
        }
    }

    public static async Task<RunningPipeline> StartAsync(AzuriteInstance azurite, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var overrides = new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Host:Urls"] = $"http://127.0.0.1:{port}",
            ["Host:Id"] = "customer-value-tests",
            ["extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["Pipeline:CustomerBuckets"] = "4",
            ["Snapshots:KpiSchedule"] = "0 0 2 * * *",
            // The trigger's container scan can miss a blob on a loaded machine; the reconciliation sweep is the
            // pipeline's answer. Here it runs every 15 s for blobs older than 30 s, so that a missed pickup costs a
            // test seconds instead of its whole patience (production: every 5 minutes, for blobs older than 10).
            ["Reconciliation:Schedule"] = "*/15 * * * * *",
            ["Reconciliation:MinAge"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Warning",
            // The kept log (HostLog) also has the trigger engine's pickups and the pipeline's own steps.
            ["Logging:TestHostLog:LogLevel:Default"] = "Warning",
            ["Logging:TestHostLog:LogLevel:Host"] = "Debug",
            ["Logging:TestHostLog:LogLevel:Host.Results"] = "Warning",
            ["Logging:TestHostLog:LogLevel:Microsoft.Azure.WebJobs"] = "Debug",
            ["Logging:TestHostLog:LogLevel:Microsoft.Azure.WebJobs.Host.Queues.Listeners.QueueListener"] = "Information",
            ["Logging:TestHostLog:LogLevel:Function"] = "Information",
            ["Logging:TestHostLog:LogLevel:CustomerValue"] = "Information",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var app = PipelineHost.Build([], overrides, contentRoot: AppContext.BaseDirectory);
        var log = new HostLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await PipelineHost.StartAsync(app);
        return new RunningPipeline(app, log, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Starts the host; if it fails, stops the Azurite it was to use (xunit does not dispose a failed initialisation).</summary>
    public static async Task<RunningPipeline> StartOrStopAzuriteAsync(AzuriteInstance azurite, IDictionary<string, string?> settings)
    {
        try
        {
            return await StartAsync(azurite, settings);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the host (if one started), then its Azurite.</summary>
    public static async Task StopBothAsync(RunningPipeline? pipeline, AzuriteInstance azurite)
    {
        if (pipeline is not null) await pipeline.DisposeAsync();
        await azurite.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Polls a condition until it holds or the time is up: no fixed sleeps in tests.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}");
            await Task.Delay(200);
        }
    }
}
