using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi keys hash KEY`: the SHA-256 hex digest to put in Api:ReadKeys or Api:AdminKeys (the settings never hold a key).</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("key") { Description = "The key clients will send (x-functions-key header or code parameter)." };
        var hash = new Command("hash", "Print the SHA-256 hex digest of a key, for the Api:ReadKeys / Api:AdminKeys settings.") { key };
        hash.SetAction(r =>
        {
            Console.WriteLine(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.GetValue(key)!))));
            return 0;
        });
        return new Command("keys", "API keys.") { hash };
    }
}
