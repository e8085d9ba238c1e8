using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerValue.Testing;

/// <summary>
/// A real Azurite (Blob, Queue, Table) on free loopback ports, from the project's pinned npm package, in memory
/// unless a folder is given. Killed with its process tree on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        (BlobPort, QueuePort, TablePort) = (blobPort, queuePort, tablePort);
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite; tries again on other ports when one was taken between choosing and binding it.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataFolder = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataFolder);
            }
            catch (AzuriteExitedException) when (attempt < 4)
            {
            }
        }
    }

    private sealed class AzuriteExitedException(string message) : InvalidOperationException(message);

    private static async Task<AzuriteProcess> StartOnFreePortsAsync(string? dataFolder)
    {
        var script = await EnsureInstalledAsync();
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        if (dataFolder is null) start.ArgumentList.Add("--inMemoryPersistence");
        else { start.ArgumentList.Add("--location"); start.ArgumentList.Add(dataFolder); }
        foreach (var a in new[]
                 {
                     "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                 })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        StartedProcesses.Record(process);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && errors.Count < 20) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blob, queue, table);
        try
        {
            await azurite.WaitForPortsAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException e) when (process.HasExited)
        {
            StartedProcesses.Forget(process);
            process.Dispose();
            throw new AzuriteExitedException($"{e.Message} {string.Join(" | ", errors)}");
        }
        return azurite;
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        StartedProcesses.Forget(process);
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitForPortsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The pinned Azurite from the repository's package.json; installs it with `npm ci` when missing.</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script)) return script;
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(script)) return script;
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = RepoPaths.Root,
                UseShellExecute = false,
            })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(script))
                throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}); Azurite is not installed at {script}.");
            return script;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
