using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// Every .bicep and .bicepparam file under infra/, compiled once with the real Bicep compiler (the NuGet package
/// Azure.Bicep.CommandLine.linux-x64, restored by this test project): what the compiler printed, and the ARM JSON
/// it produced, which is what Azure Resource Manager receives. Compiled in copies of infra/ so that no output lands
/// in the repository, templates and parameter files in separate copies (main.bicep and main.bicepparam would both
/// write main.json).
/// </summary>
public sealed partial class CompiledInfra : IAsyncLifetime
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(4);
    private readonly string workRoot = Directory.CreateTempSubdirectory("bicep-").FullName;

    public static string InfraRoot { get; } = Path.Combine(TestPaths.RepoRoot, "infra");

    /// <summary>Relative paths (with '/') of the sources, e.g. "modules/storage.bicep".</summary>
    public IReadOnlyList<string> TemplateSources { get; } = Sources("*.bicep");
    public IReadOnlyList<string> ParameterSources { get; } = Sources("*.bicepparam");

    /// <summary>Compiled template per .bicep source.</summary>
    public IReadOnlyDictionary<string, JsonObject> Templates { get; private set; } = null!;
    /// <summary>Compiled parameter file per .bicepparam source.</summary>
    public IReadOnlyDictionary<string, JsonObject> Parameters { get; private set; } = null!;
    public BicepRun TemplateRun { get; private set; } = null!;
    public BicepRun ParameterRun { get; private set; } = null!;
    public TimeSpan CompileTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var templates = CopyOfInfra("templates");
        var parameters = CopyOfInfra("parameters");
        var runs = await Task.WhenAll(
            Bicep.RunAsync(templates, "build", "--pattern", "**/*.bicep"),
            Bicep.RunAsync(parameters, "build-params", "--pattern", "**/*.bicepparam"));
        CompileTime = clock.Elapsed;
        (TemplateRun, ParameterRun) = (runs[0], runs[1]);
        Templates = ReadOutputs(templates, TemplateSources, ".bicep");
        Parameters = ReadOutputs(parameters, ParameterSources, ".bicepparam");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(workRoot, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The compiled template of one source, e.g. Template("main.bicep").</summary>
    public JsonObject Template(string source) =>
        Templates.TryGetValue(source, out var template) ? template : throw new InvalidOperationException($"infra/{source} produced no template (see the compiler's output).");

    private string CopyOfInfra(string name)
    {
        var copy = Path.Combine(workRoot, name);
        foreach (var source in Sources("*"))
        {
            var target = Path.Combine(copy, source);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(InfraRoot, source), target);
        }
        return copy;
    }

    private static Dictionary<string, JsonObject> ReadOutputs(string root, IEnumerable<string> sources, string extension)
    {
        var outputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var output = Path.Combine(root, source[..^extension.Length] + ".json");
            if (File.Exists(output)) outputs[source] = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        }
        return outputs;
    }

    private static List<string> Sources(string pattern) =>
        Directory.EnumerateFiles(InfraRoot, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InfraRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The compiler: its path comes from the test project (AssemblyMetadata "BicepPath").</summary>
    public static class Bicep
    {
        public static string Path { get; } = typeof(CompiledInfra).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value ?? throw new InvalidOperationException("BicepPath is empty.");

        public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
        {
            if (!File.Exists(Path)) throw new FileNotFoundException($"The Bicep compiler is missing at {Path}: restore tests/CustomerValue.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).", Path);
            MakeExecutable(Path);
            var start = new ProcessStartInfo(Path) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(CompileTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in {CompileTimeout}.");
            }
            var output = (await stdout + "\n" + await stderr).Replace(workingDirectory + System.IO.Path.DirectorySeparatorChar, "infra/");
            return new BicepRun(process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        /// <summary>NuGet does not always keep the executable bit when it extracts a package.</summary>
        private static void MakeExecutable(string path)
        {
            if (OperatingSystem.IsWindows()) return;
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}

/// <summary>One run of the compiler: its exit code and every line it printed.</summary>
public sealed partial record BicepRun(int ExitCode, IReadOnlyList<string> Lines)
{
    /// <summary>Warnings and errors, compiler (BCPnnn) and linter alike: "file(line,col) : Warning rule: text".</summary>
    public IReadOnlyList<string> Problems => Lines.Where(l => Problem().IsMatch(l)).ToList();

    [GeneratedRegex(@"\s:\s(Warning|Error)\s|\bWarning BCP\d+|\bError BCP\d+")]
    private static partial Regex Problem();
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Compiled infra";
}
