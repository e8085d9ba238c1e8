using System.Diagnostics;
using CustomerValue.Testing;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// scripts/test ends only what its tests started: processes are recorded by pid with their command line, and the
/// script ends a recorded pid only while it still runs that command line.
/// </summary>
public sealed class StartedProcessesTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("started-processes-");
    private readonly List<Process> started = [];

    private Process Sleep()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        started.Add(process);
        return process;
    }

    private static void EndRecorded(string folder)
    {
        var script = Path.Combine(TestPaths.RepoRoot, "scripts", "lib", "end-recorded-processes");
        using var bash = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { script, folder }, UseShellExecute = false, RedirectStandardError = true })!;
        bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(10_000), "the script ends promptly");
        Assert.Equal(0, bash.ExitCode);
    }

    [Fact]
    public void The_script_ends_a_recorded_process_that_was_left_running_and_nothing_else()
    {
        var leftOver = Sleep();
        var bystander = Sleep();
        StartedProcesses.Record(leftOver, folder.FullName);
        Assert.Equal(File.ReadAllBytes($"/proc/{leftOver.Id}/cmdline"), File.ReadAllBytes(Path.Combine(folder.FullName, leftOver.Id.ToString())));
        // A pid whose recorded command line is not what it runs now (a reused pid) is left alone.
        File.WriteAllText(Path.Combine(folder.FullName, bystander.Id.ToString()), "node\0azurite.js\0");

        EndRecorded(folder.FullName);

        Assert.True(leftOver.WaitForExit(5_000), "the recorded process was ended");
        Assert.False(bystander.HasExited, "the process with another command line runs on");
        Assert.False(folder.Exists && Directory.Exists(folder.FullName), "the folder is removed");
    }

    [Fact]
    public void A_process_the_test_ended_itself_is_forgotten()
    {
        var process = Sleep();
        StartedProcesses.Record(process, folder.FullName);
        StartedProcesses.Forget(process, folder.FullName);
        Assert.Empty(folder.GetFiles());
    }

    public void Dispose()
    {
        foreach (var p in started)
        {
            if (!p.HasExited) p.Kill();
            p.Dispose();
        }
        if (Directory.Exists(folder.FullName)) folder.Delete(recursive: true);
    }
}
