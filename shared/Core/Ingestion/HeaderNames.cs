namespace CustomerValue.Ingestion;

/// <summary>Header text helpers: normalized keys for matching, and unique names for duplicates and blanks.</summary>
internal static class HeaderNames
{
    /// <summary>Lower-case letters and digits only: "Customer ID" and "customer_id" both become "customerid".</summary>
    public static string Key(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 256)];
        var n = 0;
        foreach (var c in header)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }

    /// <summary>Cleans header cells (NULs, BOM, blanks) and makes names unique: "Q1", "Q1 (2)"; blanks become "Column 7".</summary>
    public static string[] Unique(IReadOnlyList<string> raw)
    {
        var names = new string[raw.Count];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Count; i++)
        {
            var name = Clean(raw[i]);
            if (name.Length == 0) name = $"Column {i + 1}";
            if (!seen.TryAdd(name, 1))
            {
                var k = seen[name];
                string candidate;
                do candidate = $"{name} ({++k})"; while (seen.ContainsKey(candidate));
                seen[name] = k;
                seen[candidate] = 1;
                name = candidate;
            }
            names[i] = name;
        }
        return names;
    }

    public static string Clean(string cell) => cell.Replace("\0", "").Replace("\uFEFF", "").Trim();
}
