namespace CustomerValue.Reports;

/// <summary>Masks personal data (email, name) for readers who may see figures but not who the customer is.</summary>
public static class PersonalData
{
    /// <summary>"jane.doe@example.com" -> "j***@e***.com": enough to tell two addresses apart, not to write to one.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email)) return email;
        var at = email.LastIndexOf('@');
        if (at <= 0) return email[..1] + "***";
        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var maskedDomain = domain.Length == 0 ? "" : domain[..1] + "***" + (dot > 0 ? domain[dot..] : "");
        return email[..1] + "***@" + maskedDomain;
    }

    /// <summary>"Jane Doe" -> "J. D.".</summary>
    public static string? MaskName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? name : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p[..1] + "."));

    public static CustomerReport Masked(CustomerReport customer) =>
        customer with { Email = MaskEmail(customer.Email), Name = MaskName(customer.Name) };
}
