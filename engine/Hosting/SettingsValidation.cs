using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomerValue.Storage;
using CustomerValue.Application.Settings;
using Microsoft.Extensions.Options;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>The settings only the local engine reads (its host, listen addresses, telemetry), validated at start.</summary>
public sealed class ValidatedHostSettings;

/// <summary>
/// Checks the settings only this engine reads before anything starts, and names each one that is missing or
/// malformed: a bad deployment stops at once with a readable reason instead of failing later inside a trigger. The
/// pipeline's own settings are checked by the shared <see cref="SettingsValidator"/> and <see cref="SettingRanges"/>,
/// as in the Functions app.
/// </summary>
public sealed partial class HostSettingsValidator(IConfiguration configuration) : IValidateOptions<ValidatedHostSettings>
{
    public ValidateOptionsResult Validate(string? name, ValidatedHostSettings options)
    {
        var errors = Check(configuration).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>One message per bad setting, each starting with the setting's name.</summary>
    public static IEnumerable<string> Check(IConfiguration settings)
    {
        var s = new SettingRules(settings);
        return new[]
        {
            s.Required(StorageSettings.ConnectionSetting, StorageConnectionError),
            s.Required(PipelineSettings.HostIdSetting, v => HostIdPattern().IsMatch(v) ? null
                : "must be 1 to 32 lower-case letters, digits or dashes, not starting or ending with a dash (WebJobs host id rules)"),
            s.Required(PipelineSettings.UrlsSetting, ListenUrlsError),
            s.Boolean("Functions:UploadBlobFunction:Disabled"),
            s.Present(TimerSchedules.KpiSnapshotSetting), // the trigger engine binds the timers by these names
            s.Present(TimerSchedules.ReconciliationSetting),
            s.Boolean(TelemetrySettings.ConsoleSetting),
            s.Optional(TelemetrySettings.AzureMonitorSetting, v => TelemetrySettings.IsAzureMonitorConnectionString(v) ? null
                : "is not an Application Insights connection string (no InstrumentationKey=)"),
        }.OfType<string>();
    }

    /// <summary>The storage SDKs' own parser decides (no network call); the value itself is a secret and is never echoed.</summary>
    internal static string? StorageConnectionError(string value)
    {
        try
        {
            _ = new BlobServiceClient(value);
            _ = new QueueServiceClient(value);
            _ = new TableServiceClient(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return $"is not a storage connection string ({e.Message.TrimEnd('.')}); use UseDevelopmentStorage=true for Azurite";
        }
    }

    /// <summary>Kestrel's listen addresses, ';'-separated; '*' and '+' mean every interface.</summary>
    private static string? ListenUrlsError(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } urls
            ? urls.Select(u => SettingRules.HttpUrlError(u.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"))).FirstOrDefault(e => e is not null)
            : "lists no URL";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex HostIdPattern();
}

public static class SettingsValidation
{
    /// <summary>Registers the check of this engine's own settings; it runs when the host starts (ValidateOnStart) or at <see cref="ValidateNow"/>.</summary>
    public static IServiceCollection AddSettingsValidation(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ValidatedHostSettings>, HostSettingsValidator>();
        services.AddOptions<ValidatedHostSettings>().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Checks the settings while the host is being built: the trigger engine rejects some of them (the host id, a
    /// schedule) in its own words, without naming the setting, before any start-up validation could run.
    /// </summary>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var errors = HostSettingsValidator.Check(configuration).Concat(SettingsValidator.Check(configuration)).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(nameof(ValidatedSettings), typeof(ValidatedSettings), errors);
    }

    /// <summary>
    /// Runs every start-up validation now, before storage is touched: a bad connection string must be reported by
    /// name, not as a parse error deep inside a client constructor. Throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static void ValidateNow(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();
}
