namespace CustomerValue.Tests;

/// <summary>Locates the repository root and the reference data beside it (../shared/data).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
    public static string Data(params string[] parts) => Path.Combine([SharedData, .. parts]);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerValue.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CustomerValue.slnx not found above the test binaries.");
    }
}
