namespace CustomerValue.Testing;

/// <summary>The repository root, found from the running binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerValue.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CustomerValue.slnx not found above the binaries.");
    }
}
