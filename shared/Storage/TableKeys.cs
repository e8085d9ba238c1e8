using System.Security.Cryptography;
using System.Text;

namespace CustomerValue.Storage;

/// <summary>
/// Table keys that Azure accepts and that carry no personal data. Azure refuses / \ # ? and control characters in
/// keys (Azurite does not), and an email address must not become a key: such values are replaced by a hash.
/// </summary>
public static class TableKeys
{
    private const int MaxPlainLength = 200;

    public static string For(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is > 0 and <= MaxPlainLength && value.All(IsPlainKeyChar)) return value;
        return "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
    }

    private static bool IsPlainKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>A row key that sorts newest first.</summary>
    public static string NewestFirst(DateTimeOffset moment) => (DateTimeOffset.MaxValue.UtcTicks - moment.UtcTicks).ToString("D19");
}
