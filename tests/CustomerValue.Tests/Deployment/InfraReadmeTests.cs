using System.Diagnostics;
using System.Text.RegularExpressions;
using CustomerValue.Storage.Uploads;

namespace CustomerValue.Tests.Deployment;

/// <summary>The smoke test in infra/README.md computes an upload id in the shell: it must be the id the pipeline gives.</summary>
public sealed class InfraReadmeTests
{
    [Fact]
    public async Task The_smoke_test_computes_the_upload_id_the_pipeline_gives()
    {
        if (OperatingSystem.IsWindows()) return; // the README's commands are sh
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "infra", "README.md"));
        var file = Regex.Match(readme, @"^FILE=(\S+)$", RegexOptions.Multiline);
        var formula = Regex.Match(readme, @"^ID=(u\$\(.*\))$", RegexOptions.Multiline);
        Assert.True(file.Success && formula.Success, "infra/README.md no longer has the FILE= and ID= lines of the smoke test");

        var start = new ProcessStartInfo("sh") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"FILE={file.Groups[1].Value}; printf '%s' \"{formula.Groups[1].Value}\"");
        using var shell = Process.Start(start)!;
        var fromShell = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();

        await using var content = File.OpenRead(Path.Combine(TestPaths.RepoRoot, file.Groups[1].Value));
        Assert.Equal(0, shell.ExitCode);
        Assert.Equal(await UploadIds.FromContentAsync("transactions", content, CancellationToken.None), fromShell);
    }
}
