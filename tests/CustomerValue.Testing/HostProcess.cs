using System.Diagnostics;

namespace CustomerValue.Testing;

/// <summary>
/// The pipeline host as a separate process (the built CustomerValue.LocalEngine.dll), so that it can be killed
/// with SIGKILL and started again, or run three times side by side.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo start;
    private Process? process;

    public HostProcess(string name, IReadOnlyDictionary<string, string> settings, string? configuration = null)
    {
        Name = name;
        Port = AzuriteProcess.FreePort();
        var dll = Path.Combine(RepoPaths.Root, "engine", "bin", configuration ?? BuildConfiguration, "net10.0", "CustomerValue.LocalEngine.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the host first: {dll} is missing.", dll);
        var contentRoot = Directory.CreateTempSubdirectory("cv-host-").FullName; // no local.settings.json
        start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in settings) start.Environment[k.Replace(":", "__")] = v;
        start.Environment["Host__Urls"] = $"http://127.0.0.1:{Port}";
        start.Environment["Host__InstanceName"] = name;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__CustomerValue"] = "Information";
    }

    /// <summary>The configuration this code was built in: the host is taken from the same one.</summary>
    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public string Name { get; }
    public int Port { get; }
    /// <summary>artifacts/hosts/{name}.log under the repository: what the host printed, across restarts.</summary>
    public string LogPath => Path.Combine(Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "hosts")).FullName, $"{Name}.log");
    public int Starts { get; private set; }
    public bool IsRunning => process is { HasExited: false };

    /// <summary>The process's peak resident memory so far (Linux VmHWM), or null where /proc is not there.</summary>
    public long? PeakResidentBytes()
    {
        if (process is not { HasExited: false }) return null;
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        StartedProcesses.Record(process);
        // Every start appends to one log per instance, so a failed run can be read afterwards.
        var log = TextWriter.Synchronized(new StreamWriter(LogPath, append: true) { AutoFlush = true });
        log.WriteLine($"--- start {Starts + 1} at {DateTimeOffset.UtcNow:O}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Host {Name} exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/api/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Host {Name} did not answer /api/health within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a crash.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        if (process is not null) StartedProcesses.Forget(process);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
