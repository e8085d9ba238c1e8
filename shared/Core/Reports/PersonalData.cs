using CustomerValue.Ingestion;

namespace CustomerValue.Reports;

/// <summary>
/// Masks personal data (email, name, phone, address) for readers who may see figures but not who the customer is,
/// and in what the pipeline shows back of an upload (the rejected-rows file).
/// </summary>
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

    /// <summary>"+41 44 123 45 67" -> "***67": the last two digits tell two numbers apart, no more.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return phone;
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        return "***" + (digits.Length >= 6 ? new string(digits[^2..]) : "");
    }

    /// <summary>Nothing of a street address or postcode is shown.</summary>
    public static string? MaskAddress(string? address) => string.IsNullOrWhiteSpace(address) ? address : "***";

    /// <summary>The value masked as its role requires; values of other roles unchanged.</summary>
    public static string? Mask(ColumnRole role, string? value) => role switch
    {
        ColumnRole.Email => MaskEmail(value),
        ColumnRole.Name => MaskName(value),
        ColumnRole.Phone => MaskPhone(value),
        ColumnRole.Address => MaskAddress(value),
        _ => value,
    };

    /// <summary>
    /// Attributes masked by the personal role stored with them (a mapping may make a neutrally named column a phone),
    /// else by a name that says they are personal (phone, street, first name...); the others unchanged.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MaskAttributes(IReadOnlyDictionary<string, string> attributes,
        IReadOnlyDictionary<string, ColumnRole>? roles = null)
    {
        ColumnRole? RoleOf(string name) => roles?.TryGetValue(name, out var role) == true ? role : RoleCatalog.PersonalRoleOf(name);
        if (!attributes.Keys.Any(k => RoleOf(k) is not null)) return attributes;
        return attributes.ToDictionary(a => a.Key, a => RoleOf(a.Key) is { } role ? Mask(role, a.Value) ?? "" : a.Value,
            StringComparer.OrdinalIgnoreCase);
    }

    public static CustomerReport Masked(CustomerReport customer) =>
        customer with { Email = MaskEmail(customer.Email), Name = MaskName(customer.Name), Attributes = MaskAttributes(customer.Attributes, customer.PersonalAttributes) };
}
