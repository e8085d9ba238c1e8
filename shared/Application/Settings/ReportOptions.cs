using CustomerValue.Reports;

namespace CustomerValue.Application.Settings;

/// <summary>Settings section "Reports": the currency of money figures and the address the email links the full report at.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";
    public const string CurrencySetting = "Reports:Currency";
    public const string BaseUrlSetting = "Reports:BaseUrl";

    /// <summary>ISO 4217 code printed beside money and on chart axes. Default USD.</summary>
    public string Currency { get; set; } = ReportCurrency.Default;

    /// <summary>Public address of the HTTP API (https://host), linked from the email as BaseUrl/api/reports/kpis?format=html; empty: no link.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The full HTML report's address, or null when <see cref="BaseUrl"/> is not set.</summary>
    public string? FullReportUrl => string.IsNullOrWhiteSpace(BaseUrl) ? null : $"{BaseUrl.TrimEnd('/')}/api/reports/kpis?format=html";

    /// <summary>The reason the settings are not valid, or null; the one place either setting is checked.</summary>
    public string? Problem()
    {
        try { ReportCurrency.Validate(Currency, CurrencySetting); }
        catch (ArgumentException e) { return e.Message.Split(" (Parameter")[0]; }
        if (!string.IsNullOrWhiteSpace(BaseUrl) && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            return $"The setting '{BaseUrlSetting}' must be an absolute http or https address, such as https://reports.example.com; it is '{BaseUrl}'.";
        return null;
    }
}
