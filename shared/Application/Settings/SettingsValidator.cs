using CustomerValue.Storage.Language;
using CustomerValue.Storage.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Settings;

/// <summary>The checked settings as a whole: an options type whose only purpose is to be validated at start.</summary>
public sealed class ValidatedSettings;

/// <summary>
/// The pipeline's settings that are not a number in a range (those are declared on their options class, see
/// <see cref="SettingRanges"/>): schedules, the sentiment provider, the e-mail. Registered by AddCustomerValuePipeline,
/// so both engines refuse the same bad value with the same words before any trigger runs.
/// </summary>
public sealed class SettingsValidator(IConfiguration configuration) : IValidateOptions<ValidatedSettings>
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
        return ScheduleRules(rules).Concat(SentimentRules(rules)).Concat(EmailRules(rules)).OfType<string>();
    }

    private static IEnumerable<string?> ScheduleRules(SettingRules s) =>
    [
        // Set by the embedded defaults; a host whose timers bind them checks that they are there (the local engine does).
        s.Optional(TimerSchedules.KpiSnapshotSetting, SettingRules.ScheduleError),
        s.Optional(TimerSchedules.ReconciliationSetting, SettingRules.ScheduleError),
        s.Optional(TimerSchedules.DiscoverySetting, SettingRules.ScheduleError),
        s.Optional(EmailOptions.ScheduleSetting, SettingRules.ScheduleError),
    ];

    private static IEnumerable<string?> SentimentRules(SettingRules s)
    {
        yield return s.OneOf<SentimentProvider>("Sentiment:Provider");
        yield return string.Equals(s["Sentiment:Provider"], nameof(SentimentProvider.AzureLanguage), StringComparison.OrdinalIgnoreCase)
            ? s.Required("Sentiment:AzureLanguage:Endpoint", SettingRules.HttpUrlError, "is required when Sentiment:Provider is AzureLanguage")
            : s.Optional("Sentiment:AzureLanguage:Endpoint", SettingRules.HttpUrlError);
    }

    /// <summary>The report e-mail is off until Email:To names someone; then everything it needs must be there.</summary>
    private static IEnumerable<string?> EmailRules(SettingRules s)
    {
        yield return s.Optional("Email:To", SettingRules.AddressListError);
        if (!s.IsSet("Email:To")) yield break;
        const string needed = "is required when Email:To is set";
        yield return s.Required("Email:From", SettingRules.AddressListError, needed);
        yield return s.Required("Email:Smtp:Host", v => Uri.CheckHostName(v) == UriHostNameType.Unknown ? "is not a host name" : null, needed);
        yield return s.OneOf<SmtpTls>("Email:Smtp:UseTls");
        if (s.IsSet("Email:Smtp:User"))
            yield return s.Required("Email:Smtp:Password", _ => null, "is required when Email:Smtp:User is set");
    }
}
