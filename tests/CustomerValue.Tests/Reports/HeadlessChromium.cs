using System.Diagnostics;

namespace CustomerValue.Tests.Reports;

/// <summary>
/// A real headless Chromium, driven by its command-line modes: --dump-dom returns the DOM after rendering,
/// --screenshot writes a PNG; with --enable-logging=stderr the page's console messages land on stderr.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";
    public static bool Available => File.Exists(Executable);
    public static string SkipReason => Available ? "" : $"{Executable} is not installed (scripts/setup installs it with apt).";

    public sealed record Run(string Stdout, string Stderr)
    {
        /// <summary>Console messages and policy violations of the page, as Chromium logged them.</summary>
        public IReadOnlyList<string> ConsoleErrors => Stderr.Split('\n')
            .Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Refused to", StringComparison.Ordinal)
                        || l.Contains("Uncaught", StringComparison.Ordinal))
            .ToList();
    }

    public static Task<Run> DumpDomAsync(string htmlFile) => RunAsync(htmlFile, ["--dump-dom"]);

    public static Task<Run> ScreenshotAsync(string htmlFile, string pngFile) =>
        RunAsync(htmlFile, [$"--screenshot={pngFile}", "--window-size=1200,2200", "--hide-scrollbars"]);

    private static async Task<Run> RunAsync(string htmlFile, string[] mode)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
                         $"--user-data-dir={profile.FullName}", .. mode, new Uri(htmlFile).AbsoluteUri])
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish with {htmlFile} in 60 s; stderr: {await stderr}");
            }
            return new Run(await stdout, await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

/// <summary>A test that needs Chromium: skipped, with the reason, where it is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!HeadlessChromium.Available) Skip = HeadlessChromium.SkipReason;
    }
}

internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!HeadlessChromium.Available) Skip = HeadlessChromium.SkipReason;
    }
}
