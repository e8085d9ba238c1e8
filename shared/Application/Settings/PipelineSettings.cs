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

    /// <summary>
    /// Embedded defaults: everything runs with no settings file at all (Azurite, the built-in analyzer). Only the
    /// settings a trigger binding reads by name ("%Snapshots:KpiSchedule%") or the host reads before any options class
    /// exists are here; a timer's default schedule is its options property's initialiser, read from there.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        [StorageSettings.ConnectionSetting] = "UseDevelopmentStorage=true",
        [HostIdSetting] = DefaultHostId,
        [UrlsSetting] = DefaultUrls,
        [TimerSchedules.KpiSnapshotSetting] = new Snapshots.SnapshotOptions().KpiSchedule,
        [TimerSchedules.ReconciliationSetting] = new Reconciliation.ReconciliationOptions().Schedule,
        [TimerSchedules.DiscoverySetting] = new Ingestion.DiscoveryOptions().Schedule,
        [CustomerValue.Storage.Notifications.EmailOptions.ScheduleSetting] = new CustomerValue.Storage.Notifications.EmailOptions().Schedule,
        // The local engine's blob-trigger container scan finds a burst of files at about 1.5 a second, and under load its
        // receipt lease can expire and end the process with an unhandled exception (seen with 1,000 files at once). The
        // discovery timer lists the container and queues what is new instead; set "false" to run the trigger as well.
        ["Functions:UploadBlobFunction:Disabled"] = "true",
    };

    /// <summary>The embedded defaults, beneath every source already added (app settings and environment win): how both engines get them.</summary>
    public static IConfigurationBuilder AddPipelineDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        return configuration;
    }

    public static IConfigurationBuilder AddPipelineSettings(this IConfigurationBuilder configuration, string contentRoot, string? hostJsonPath = null)
    {
        configuration.AddPipelineDefaults();
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
