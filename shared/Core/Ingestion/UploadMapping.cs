using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CustomerValue.Ingestion;

/// <summary>
/// An explicit description of an upload, used where detection is unsure: the kind, the date order, the decimal separator
/// and column -> role. JSON or YAML, for example
/// <code>{ "kind": "surveys", "dateOrder": "dayFirst", "columns": { "Q7": "nps", "Q8": "comment", "cid": "customerId" } }</code>
/// </summary>
public sealed record UploadMapping(
    UploadKind? Kind = null,
    DateOrder? DateOrder = null,
    char? DecimalSeparator = null,
    IReadOnlyDictionary<string, ColumnRole>? Columns = null)
{
    public IReadOnlyDictionary<string, ColumnRole> ColumnRoles => Columns ?? new Dictionary<string, ColumnRole>();

    public static UploadMapping Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses mapping text; JSON when it starts with '{', YAML otherwise.</summary>
    /// <exception cref="UploadRejectedException">The mapping cannot be used; the reason names the mapping file and what is wrong.</exception>
    public static UploadMapping Parse(string text, string sourceName)
    {
        MappingDocument? doc;
        try
        {
            doc = text.TrimStart().StartsWith('{')
                ? JsonSerializer.Deserialize<MappingDocument>(text, new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                : new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build().Deserialize<MappingDocument>(text);
        }
        // The YAML parser also throws ArgumentException for malformed tags (e.g. "!!python/object [").
        catch (Exception ex) when (ex is JsonException or YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException)
        {
            throw new UploadRejectedException(sourceName, $"the mapping is not valid JSON or YAML: {ex.Message}");
        }
        doc ??= new MappingDocument();

        UploadKind? kind = null;
        if (doc.Kind is { Length: > 0 } k)
            kind = UploadKinds.TryParse(k, out var parsedKind) ? parsedKind : throw new UploadRejectedException(sourceName, $"unknown kind '{k}'.");

        DateOrder? order = doc.DateOrder?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "dayfirst" or "dmy" or "day-first" or "d/m/y" => Ingestion.DateOrder.DayFirst,
            "monthfirst" or "mdy" or "month-first" or "m/d/y" => Ingestion.DateOrder.MonthFirst,
            var other => throw new UploadRejectedException(sourceName, $"dateOrder '{other}' is not dayFirst (DMY) or monthFirst (MDY)."),
        };

        char? separator = doc.DecimalSeparator switch
        {
            null or "" => null,
            "," or "." => doc.DecimalSeparator[0],
            var other => throw new UploadRejectedException(sourceName, $"decimalSeparator '{other}' must be ',' or '.'."),
        };

        var columns = new Dictionary<string, ColumnRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, roleName) in doc.Columns ?? [])
        {
            if (!Enum.TryParse<ColumnRole>(roleName?.Replace("_", "").Replace("-", ""), ignoreCase: true, out var role))
                throw new UploadRejectedException(sourceName, $"column '{column}': unknown role '{roleName}' (roles: {string.Join(", ", Enum.GetNames<ColumnRole>())}).");
            columns[column] = role;
        }
        return new UploadMapping(kind, order, separator, columns);
    }

    private sealed class MappingDocument
    {
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        [JsonPropertyName("dateOrder")] public string? DateOrder { get; set; }
        [JsonPropertyName("decimalSeparator")] public string? DecimalSeparator { get; set; }
        [JsonPropertyName("columns")] public Dictionary<string, string?>? Columns { get; set; }
    }
}
