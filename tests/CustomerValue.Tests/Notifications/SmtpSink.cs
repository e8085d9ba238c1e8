using System.Diagnostics;
using System.Text.Json;
using CustomerValue.Testing;

namespace CustomerValue.Tests.Notifications;

/// <summary>A real SMTP server on loopback (tests/smtp-sink.js: npm smtp-server + mailparser) writing each message to a folder.</summary>
public sealed class SmtpSink : IAsyncLifetime
{
    private Process? process;
    public int Port { get; private set; }
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("smtp-sink-");

    public async Task InitializeAsync()
    {
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "smtp-sink.js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Folder.FullName);
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        StartedProcesses.Record(process);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                   ?? throw new InvalidOperationException($"smtp-sink.js exited ({(process.HasExited ? process.ExitCode : -1)}); is `npm ci` done?");
        Port = int.Parse(line["listening ".Length..]);
    }

    /// <summary>The parsed messages received so far, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Messages() => Folder.GetFiles("*.json")
        .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f.Name)))
        .Select(f => JsonDocument.Parse(File.ReadAllText(f.FullName)).RootElement.Clone())
        .ToList();

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        if (process is not null) StartedProcesses.Forget(process);
        process?.Dispose();
        Folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
