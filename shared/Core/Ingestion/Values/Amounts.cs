using System.Globalization;

namespace CustomerValue.Ingestion.Values;

/// <summary>
/// Reads money and other numbers written the many ways people write them: 1,234.56 or 1.234,56, with currency symbols
/// or ISO codes before or after, negative as -12, (12) or 12-. The decimal separator is decided once per column.
/// </summary>
public static class Amounts
{
    private static readonly (string Token, string Code)[] CurrencyTokens =
    [
        ("US$", "USD"), ("CA$", "CAD"), ("A$", "AUD"), ("R$", "BRL"), ("CHF", "CHF"),
        ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"), ("CAD", "CAD"), ("AUD", "AUD"), ("SEK", "SEK"),
        ("NOK", "NOK"), ("DKK", "DKK"), ("PLN", "PLN"), ("INR", "INR"), ("BRL", "BRL"), ("CNY", "CNY"),
        ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("kr", "SEK"),
    ];

    /// <summary>Evidence for the decimal separator from one value: '.', ',' or null when the value cannot tell.</summary>
    public static char? DecimalSeparatorEvidence(string text)
    {
        var core = StripCurrency(text.Trim(), out _).Trim('-', '+', '(', ')', ' ');
        var lastDot = core.LastIndexOf('.');
        var lastComma = core.LastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
        var sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : (char?)null;
        if (sep is null) return null;
        var count = core.Count(c => c == sep);
        var digitsAfter = core.Length - core.LastIndexOf(sep.Value) - 1;
        if (count > 1) return sep == '.' ? ',' : '.'; // 1.234.567 groups with dots
        if (digitsAfter != 3) return sep;               // 12,5 or 12.50
        return null;                                    // 1,234 or 1.234: either reading fits
    }

    /// <summary>Parses an amount with the given decimal separator; the other separator may only group thousands.</summary>
    public static bool TryParse(string text, char decimalSeparator, out decimal value, out string? currency)
    {
        value = 0;
        var s = StripCurrency(text.Trim(), out currency);
        if (s.Contains(' ') || s.Contains('\u00A0') || s.Contains('\'')) s = s.Replace("\u00A0", "").Replace(" ", "").Replace("'", "");
        if (s.Length == 0) return false;
        var negative = false;
        if (s.StartsWith('(') && s.EndsWith(')')) { negative = true; s = s[1..^1]; }
        if (s.EndsWith('-')) { negative = true; s = s[..^1]; }
        if (s.StartsWith('-')) { negative = !negative; s = s[1..]; }
        else if (s.StartsWith('+')) s = s[1..];
        if (s.Length > 0 && !char.IsAsciiDigit(s[0]))
        {
            s = StripCurrency(s, out var innerCurrency); // -$12.00
            currency ??= innerCurrency;
        }
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]) && s[0] != decimalSeparator) return false;

        var group = decimalSeparator == '.' ? ',' : '.';
        if (decimalSeparator == '.' && s.IndexOf(',') < 0)
        {
            // Fast path for the common plain form: 1234.56
            if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
            if (negative) value = -value;
            return true;
        }
        var decimalAt = s.IndexOf(decimalSeparator);
        if (decimalAt >= 0 && s.IndexOf(decimalSeparator, decimalAt + 1) >= 0) return false;
        var integerPart = decimalAt >= 0 ? s[..decimalAt] : s;
        var fraction = decimalAt >= 0 ? s[(decimalAt + 1)..] : "";
        if (fraction.Contains(group)) return false;
        if (integerPart.Contains(group))
        {
            var groups = integerPart.Split(group);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)) return false;
            integerPart = string.Concat(groups);
        }
        if (!integerPart.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return false;
        var normalized = fraction.Length > 0 ? $"{(integerPart.Length == 0 ? "0" : integerPart)}.{fraction}" : integerPart;
        if (!decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        if (negative) value = -value;
        return true;
    }

    private static string StripCurrency(string s, out string? currency)
    {
        currency = null;
        if (s.Length == 0 || (char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[^1]))) return s;
        foreach (var (token, code) in CurrencyTokens)
        {
            if (s.StartsWith(token, StringComparison.OrdinalIgnoreCase)) { currency = code; return s[token.Length..].Trim(); }
            if (s.EndsWith(token, StringComparison.OrdinalIgnoreCase)) { currency = code; return s[..^token.Length].Trim(); }
        }
        return s;
    }
}
