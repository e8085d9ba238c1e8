using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace CustomerValue.Application.Settings;

/// <summary>
/// Rule helpers over the configuration: each returns null when the setting is fine, else a message that starts with
/// the setting's name. Both engines' start-up checks are written with them.
/// </summary>
public sealed class SettingRules(IConfiguration settings)
{
    public string? this[string key] => settings[key];

    public bool IsSet(string key) => !string.IsNullOrWhiteSpace(settings[key]);

    public string? Required(string key, Func<string, string?> check, string missing = "is required") =>
        IsSet(key) ? Named(key, check(settings[key]!.Trim())) : $"{key} {missing} but is not set";

    /// <summary>Only that the setting is there; what it must look like is checked elsewhere.</summary>
    public string? Present(string key) => IsSet(key) ? null : $"{key} is required but is not set";

    public string? Optional(string key, Func<string, string?> check) =>
        IsSet(key) ? Named(key, check(settings[key]!.Trim())) : null;

    public string? Boolean(string key) => Optional(key, v => bool.TryParse(v, out _) ? null : $"must be true or false (is '{v}')");

    public string? OneOf<TEnum>(string key) where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>();
        return Optional(key, v => names.Contains(v, StringComparer.OrdinalIgnoreCase) ? null : $"must be one of {string.Join(", ", names)}");
    }

    // No final full stop: OptionsValidationException joins the messages with "; ".
    private static string? Named(string key, string? error) => error is null ? null : $"{key} {error}";

    /// <summary>What the timer trigger accepts, parsed by its own library: six-field NCRONTAB (seconds first) or a TimeSpan.</summary>
    public static string? ScheduleError(string value) =>
        CrontabSchedule.TryParse(value, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null || TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _) ? null
            : "is not a schedule: use six-field NCRONTAB with seconds first (e.g. 0 0 2 * * *) or a TimeSpan (e.g. 00:05:00)";

    public static string? HttpUrlError(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? null
            : "is not an absolute http(s) URL";

    public static string? AddressListError(string value)
    {
        var addresses = value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = addresses.FirstOrDefault(a => !MailAddress.TryCreate(a, out _));
        return addresses.Length == 0 ? "lists no e-mail address" : bad is null ? null : $"has an address that is not valid: '{bad}'";
    }
}
