using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace CustomerValue.Tests.Functions;

/// <summary>
/// The worker app published once per test run into a temporary folder, as `dotnet publish functions` gives it to
/// the Functions host: functions.metadata (the function index the host reads), extensions.json and .azurefunctions/
/// (the host-side extensions). Published without a rebuild, in the configuration the tests were built in: building
/// this test project built the app.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "customer-value-publish-" + Guid.NewGuid().ToString("N"));
    public JsonElement Metadata { get; }
    public JsonElement Extensions { get; }

    public PublishedApp()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(TestPaths.RepoRoot, "functions", "CustomerValue.Functions.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", Folder, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); throw new TimeoutException("dotnet publish took over 3 minutes."); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
        Metadata = Read("functions.metadata");
        Extensions = Read("extensions.json");
    }

    /// <summary>The functions of functions.metadata by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Functions =>
        Metadata.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);

    private JsonElement Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } // a temp folder left behind harms nothing
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "published worker app";
}
