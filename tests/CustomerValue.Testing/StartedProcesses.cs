using System.Diagnostics;
using System.Globalization;

namespace CustomerValue.Testing;

/// <summary>
/// The processes a test run starts (Azurite, SMTP sinks, hosts), recorded by process id in the folder that
/// <see cref="FolderVariable"/> names, so that scripts/test can end exactly the ones a test process that died
/// abnormally left behind, and never anyone else's. Each file is named by the pid and holds the process's command line
/// (Linux /proc/{pid}/cmdline) so that a reused pid is not mistaken for it. Nothing is recorded when the variable is unset.
/// </summary>
public static class StartedProcesses
{
    public const string FolderVariable = "ROI_TEST_PIDS";

    private static string? Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;

    public static void Record(Process process) => Record(process, Folder);

    /// <summary>Records the process in <paramref name="folder"/>; nothing when it is null.</summary>
    public static void Record(Process process, string? folder)
    {
        if (folder is null) return;
        try
        {
            File.WriteAllBytes(PathOf(folder, process), File.ReadAllBytes($"/proc/{process.Id}/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc (not Linux) or the process already ended: there is nothing scripts/test could check it against.
        }
    }

    /// <summary>The process was ended by the test itself: nothing left for the script to do.</summary>
    public static void Forget(Process process) => Forget(process, Folder);

    public static void Forget(Process process, string? folder)
    {
        if (folder is not null) File.Delete(PathOf(folder, process));
    }

    private static string PathOf(string folder, Process process) => Path.Combine(folder, process.Id.ToString(CultureInfo.InvariantCulture));
}
