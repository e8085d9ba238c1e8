using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Settings;

/// <summary>
/// The range of a numeric setting lives in one place: a <see cref="RangeAttribute"/> on its options class, beside the
/// property initialiser that is its default. This reads those attributes against the raw configuration before the
/// section is bound, so a value out of range and a value that is no number at all get the same message, naming the
/// setting and its range, in whichever engine reads it.
/// </summary>
public static class SettingRanges
{
    /// <summary>Binds the section into the options, first refusing every value outside its declared range (checked at start with ValidateOnStart).</summary>
    public static OptionsBuilder<TOptions> AddCheckedSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        return services.AddOptions<TOptions>().Configure(options =>
        {
            var problems = Check(configuration, section, typeof(TOptions)).ToList();
            if (problems.Count > 0) throw new OptionsValidationException(section, typeof(TOptions), problems);
            configuration.GetSection(section).Bind(options);
        }).ValidateOnStart();
    }

    /// <summary>One message per setting of the section (nested sections too) that is set and is not a number in its range.</summary>
    public static IEnumerable<string> Check(IConfiguration configuration, string section, Type optionsType)
    {
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{section}:{property.Name}";
            if (property.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                var raw = configuration[key];
                if (!string.IsNullOrWhiteSpace(raw) && !InRange(raw.Trim(), property.PropertyType, range)) yield return Message(key, property.PropertyType, range, raw);
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && property.PropertyType.Namespace?.StartsWith("CustomerValue", StringComparison.Ordinal) == true)
            {
                foreach (var nested in Check(configuration, key, property.PropertyType)) yield return nested;
            }
        }
    }

    private static bool InRange(string raw, Type type, RangeAttribute range)
    {
        object? value = type == typeof(int) ? int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null
            : type == typeof(double) ? double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null
            : type == typeof(TimeSpan) ? TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var t) ? t : null
            : throw new NotSupportedException($"A range on a {type.Name} setting is not supported.");
        return value is not null && range.IsValid(value);
    }

    /// <summary>"Pipeline:CustomerBuckets must be a whole number from 1 to 1024 (is '0')": the one wording of a range.</summary>
    public static string Message(string key, Type type, RangeAttribute range, string value)
    {
        var low = range.MinimumIsExclusive ? "above" : "at least";
        var high = range.MaximumIsExclusive ? "below" : "at most";
        var bounds = type == typeof(int) && !range.MinimumIsExclusive && !range.MaximumIsExclusive
            ? $"a whole number from {range.Minimum} to {range.Maximum}"
            : type == typeof(TimeSpan) ? $"a duration (d.hh:mm:ss) {low} {range.Minimum} and {high} {range.Maximum}"
            : $"a number {low} {Convert.ToString(range.Minimum, CultureInfo.InvariantCulture)} and {high} {Convert.ToString(range.Maximum, CultureInfo.InvariantCulture)}";
        return $"{key} must be {bounds} (is '{value}')";
    }
}
