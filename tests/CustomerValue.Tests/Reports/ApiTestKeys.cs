using System.Security.Cryptography;
using System.Text;

namespace CustomerValue.Tests.Reports;

/// <summary>The keys tests call with, and their settings: SHA-256 hex computed here, independently of the host.</summary>
internal static class ApiTestKeys
{
    public const string Read = "read-key-0123456789";
    public const string Admin = "admin-key-9876543210";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Api:ReadKeys"] = $"{Sha256Hex("some-other-read-key")}, {Sha256Hex(Read)}",
        ["Api:AdminKeys"] = Sha256Hex(Admin).ToUpperInvariant(),
    };

    private static string Sha256Hex(string key) => string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(key)).Select(b => b.ToString("x2")));
}
