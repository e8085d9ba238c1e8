using System.Text.RegularExpressions;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// Reads what the Bicep under infra/ declares, from its text (no Bicep compiler is needed): the items of a
/// multi-line array variable, the names of an array of objects, and property values.
/// </summary>
internal static partial class BicepText
{
    public static string Read(params string[] relativePath) => File.ReadAllText(Path.Combine([TestPaths.RepoRoot, "infra", .. relativePath]));

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "infra"), "*.bicep*", SearchOption.AllDirectories);

    /// <summary>The body of <c>var name = [ ... ]</c> up to the bracket that closes it.</summary>
    public static string ArrayVariable(string bicep, string name)
    {
        var start = Regex.Match(bicep, $@"^var {Regex.Escape(name)} = \[", RegexOptions.Multiline);
        if (!start.Success) throw new InvalidOperationException($"var {name} = [ ... ] not found in the Bicep.");
        var depth = 0;
        for (var i = start.Index + start.Length - 1; i < bicep.Length; i++)
        {
            depth += bicep[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0) return bicep[(start.Index + start.Length)..i];
        }
        throw new InvalidOperationException($"var {name} is not closed.");
    }

    /// <summary>The text from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    public static string Between(string bicep, string start, string end)
    {
        var from = bicep.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : bicep.IndexOf(end, from, StringComparison.Ordinal);
        if (to < 0) throw new InvalidOperationException($"'{start}' ... '{end}' not found in the Bicep.");
        return bicep[from..to];
    }

    /// <summary>The quoted items of a one-item-per-line string array.</summary>
    public static IReadOnlyList<string> StringItems(string arrayBody) =>
        QuotedLine().Matches(arrayBody).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Every <c>property: 'value'</c> in the text.</summary>
    public static IReadOnlyList<string> PropertyValues(string bicep, string property) =>
        Regex.Matches(bicep, $@"^\s*{Regex.Escape(property)}: '([^']*)'", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^\s*'([^']*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex QuotedLine();
}
