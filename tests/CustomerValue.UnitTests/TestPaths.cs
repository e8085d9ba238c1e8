namespace CustomerValue.Tests;

/// <summary>Locates the repository root and the reference data the tests read (tests/data, inside the repository).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string DataRoot { get; } = Path.Combine(RepoRoot, "tests", "data");
    public static string Data(params string[] parts) => Path.Combine([DataRoot, .. parts]);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerValue.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CustomerValue.slnx not found above the test binaries.");
    }
}
