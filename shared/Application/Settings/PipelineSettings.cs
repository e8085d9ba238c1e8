using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Application.Settings;

/// <summary>
/// Where settings come from, in the order Azure Functions uses: embedded defaults, host.json (trigger settings),
/// local.settings.json "Values" (local runs only), then environment variables. "__" in a name means ":".
/// The host and the CLI read the same settings the same way.
/// </summary>
public static class PipelineSettings
{
    public const string HostIdSetting = "Host:Id";
    public const string UrlsSetting = "Host:Urls";
    public const string DefaultHostId = "customer-value";
    public const string DefaultUrls = "http://127.0.0.1:7071";
    public const string LocalSettingsFile = "local.settings.json";

    /// <summary>Embedded defaults: everything runs with no settings file at all (Azurite, the built-in analyzer).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        [StorageSettings.ConnectionSetting] = "UseDevelopmentStorage=true",
        [HostIdSetting] = DefaultHostId,
        [UrlsSetting] = DefaultUrls,
        [TimerSchedules.KpiSnapshotSetting] = "0 0 2 * * *",
        [TimerSchedules.ReconciliationSetting] = "0 */5 * * * *",
    };

    public static IConfigurationBuilder AddPipelineSettings(this IConfigurationBuilder configuration, string contentRoot, string? hostJsonPath = null)
    {
        configuration.AddInMemoryCollection(Defaults);
        if (hostJsonPath is not null) configuration.AddJsonFile(hostJsonPath, optional: false, reloadOnChange: false);
        var local = Path.Combine(contentRoot, LocalSettingsFile);
        if (File.Exists(local)) configuration.AddInMemoryCollection(ReadLocalSettingsValues(local));
        configuration.AddEnvironmentVariables();
        return configuration;
    }

    public static IEnumerable<KeyValuePair<string, string?>> ReadLocalSettingsValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values)) return [];
        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":"),
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
            .ToList();
    }
}
