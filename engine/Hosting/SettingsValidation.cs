using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Language;
using Microsoft.Extensions.Options;
using NCrontab;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>The checked settings as a whole: an options type whose only purpose is to be validated at start.</summary>
public sealed class ValidatedSettings;

/// <summary>
/// Checks every setting the host reads before anything starts, and names each one that is missing or malformed:
/// a bad deployment stops at once with a readable reason instead of failing later inside a trigger.
/// </summary>
public sealed partial class SettingsValidator(IConfiguration configuration) : IValidateOptions<ValidatedSettings>
{
    public ValidateOptionsResult Validate(string? name, ValidatedSettings options)
    {
        var errors = Check(configuration).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>One message per bad setting, each starting with the setting's name.</summary>
    public static IEnumerable<string> Check(IConfiguration settings)
    {
        var rules = new SettingRules(settings);
        return HostRules(rules).Concat(PipelineRules(rules)).Concat(SentimentRules(rules)).Concat(EmailRules(rules)).Concat(TelemetryRules(rules)).OfType<string>();
    }

    private static IEnumerable<string?> HostRules(SettingRules s) =>
    [
        s.Required(StorageSettings.ConnectionSetting, StorageConnectionError),
        s.Required(PipelineSettings.HostIdSetting, v => HostIdPattern().IsMatch(v) ? null
            : "must be 1 to 32 lower-case letters, digits or dashes, not starting or ending with a dash (WebJobs host id rules)"),
        s.Required(PipelineSettings.UrlsSetting, ListenUrlsError),
    ];

    private static IEnumerable<string?> PipelineRules(SettingRules s) =>
    [
        s.Integer("Pipeline:CustomerBuckets", 1, 1024),
        s.Required("Snapshots:KpiSchedule", ScheduleError),
        s.Integer("Snapshots:ActiveWindowDays", 1, 3650),
        s.Required("Reconciliation:Schedule", ScheduleError),
        s.Optional("Reconciliation:MinAge", NonNegativeTimeSpanError),
        s.Optional("Reconciliation:StallAfter", NonNegativeTimeSpanError),
        s.Boolean("Functions:UploadBlobFunction:Disabled"),
    ];

    private static IEnumerable<string?> SentimentRules(SettingRules s)
    {
        var providers = Enum.GetNames<SentimentProvider>();
        yield return s.Optional("Sentiment:Provider", v => providers.Contains(v, StringComparer.OrdinalIgnoreCase) ? null
            : $"must be one of {string.Join(", ", providers)}");
        yield return string.Equals(s["Sentiment:Provider"], nameof(SentimentProvider.AzureLanguage), StringComparison.OrdinalIgnoreCase)
            ? s.Required("Sentiment:AzureLanguage:Endpoint", HttpUrlError, "is required when Sentiment:Provider is AzureLanguage")
            : s.Optional("Sentiment:AzureLanguage:Endpoint", HttpUrlError);
    }

    /// <summary>The report e-mail is off until Email:To names someone; then everything it needs must be there.</summary>
    private static IEnumerable<string?> EmailRules(SettingRules s)
    {
        yield return s.Optional("Email:Schedule", ScheduleError);
        yield return s.Optional("Email:To", AddressListError);
        if (!s.IsSet("Email:To")) yield break;
        const string needed = "is required when Email:To is set";
        yield return s.Required("Email:From", AddressListError, needed);
        yield return s.Required("Email:Smtp:Host", v => Uri.CheckHostName(v) == UriHostNameType.Unknown ? "is not a host name" : null, needed);
        yield return s.Integer("Email:Smtp:Port", 1, 65535);
        var tls = Enum.GetNames<CustomerValue.Storage.Notifications.SmtpTls>();
        yield return s.Optional("Email:Smtp:UseTls", v => tls.Contains(v, StringComparer.OrdinalIgnoreCase) ? null : $"must be one of {string.Join(", ", tls)}");
        if (s.IsSet("Email:Smtp:User"))
            yield return s.Required("Email:Smtp:Password", _ => null, "is required when Email:Smtp:User is set");
    }

    private static IEnumerable<string?> TelemetryRules(SettingRules s) =>
    [
        s.Boolean(TelemetrySettings.ConsoleSetting),
        s.Optional(TelemetrySettings.AzureMonitorSetting, v => TelemetrySettings.IsAzureMonitorConnectionString(v) ? null
            : "is not an Application Insights connection string (no InstrumentationKey=)"),
    ];

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

    /// <summary>What the timer trigger accepts, parsed by its own library: six-field NCRONTAB (seconds first) or a TimeSpan.</summary>
    internal static string? ScheduleError(string value) =>
        CrontabSchedule.TryParse(value, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null || TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _) ? null
            : "is not a schedule: use six-field NCRONTAB with seconds first (e.g. 0 0 2 * * *) or a TimeSpan (e.g. 00:05:00)";

    internal static string? HttpUrlError(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? null
            : "is not an absolute http(s) URL";

    /// <summary>Kestrel's listen addresses, ';'-separated; '*' and '+' mean every interface.</summary>
    private static string? ListenUrlsError(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } urls
            ? urls.Select(u => HttpUrlError(u.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"))).FirstOrDefault(e => e is not null)
            : "lists no URL";

    private static string? NonNegativeTimeSpanError(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? null : "is not a non-negative TimeSpan (e.g. 00:10:00)";

    private static string? AddressListError(string value)
    {
        var addresses = value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = addresses.FirstOrDefault(a => !MailAddress.TryCreate(a, out _));
        return addresses.Length == 0 ? "lists no e-mail address" : bad is null ? null : $"has an address that is not valid: '{bad}'";
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex HostIdPattern();

    /// <summary>Rule helpers over the configuration: each returns null when the setting is fine, else a message naming it.</summary>
    private sealed class SettingRules(IConfiguration settings)
    {
        public string? this[string key] => settings[key];

        public bool IsSet(string key) => !string.IsNullOrWhiteSpace(settings[key]);

        public string? Required(string key, Func<string, string?> check, string missing = "is required") =>
            IsSet(key) ? Named(key, check(settings[key]!.Trim())) : $"{key} {missing} but is not set";

        public string? Optional(string key, Func<string, string?> check) =>
            IsSet(key) ? Named(key, check(settings[key]!.Trim())) : null;

        public string? Integer(string key, int min, int max) => Optional(key, v =>
            int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? null
                : $"must be a whole number from {min} to {max} (is '{v}')");

        public string? Boolean(string key) => Optional(key, v => bool.TryParse(v, out _) ? null : $"must be true or false (is '{v}')");

        // No final full stop: OptionsValidationException joins the messages with "; ".
        private static string? Named(string key, string? error) => error is null ? null : $"{key} {error}";
    }
}

public static class SettingsValidation
{
    /// <summary>Registers the check of every setting; it runs when the host starts (ValidateOnStart) or at <see cref="ValidateNow"/>.</summary>
    public static IServiceCollection AddSettingsValidation(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ValidatedSettings>, SettingsValidator>();
        services.AddOptions<ValidatedSettings>().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Checks the settings while the host is being built: the trigger engine rejects some of them (the host id) in
    /// its own words, without naming the setting, before any start-up validation could run.
    /// </summary>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var errors = SettingsValidator.Check(configuration).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(nameof(ValidatedSettings), typeof(ValidatedSettings), errors);
    }

    /// <summary>
    /// Runs every start-up validation now, before storage is touched: a bad connection string must be reported by
    /// name, not as a parse error deep inside a client constructor. Throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static void ValidateNow(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();
}
