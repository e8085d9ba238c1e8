using System.Security.Cryptography;
using System.Text;

namespace CustomerValue.Storage.Uploads;

/// <summary>
/// An upload is named by its kind and content, so the same file uploaded twice, under any name, is one upload,
/// and a re-delivered trigger finds the work it already did. The CLI computes the same id to follow progress.
/// </summary>
public static class UploadIds
{
    public static Task<string> FromContentAsync(CustomerValue.Ingestion.UploadKind kind, Stream content, CancellationToken cancellationToken) =>
        FromContentAsync(CustomerValue.Ingestion.UploadKinds.Name(kind), content, cancellationToken);

    /// <summary>The id of content under a kind's stored name, or under a folder that names no kind (a failed upload).</summary>
    public static async Task<string> FromContentAsync(string kind, Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(kind.ToLowerInvariant() + "\n"));
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0) hash.AppendData(buffer, 0, read);
        return "u" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 12));
    }

    /// <summary>
    /// The id of the failed upload recorded for a blob whose name the storage service cannot list (so its content
    /// cannot be read to name it): named by the part of the name that can be listed.
    /// </summary>
    public static string ForUnlistableName(string knownPrefix) =>
        "n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(knownPrefix)).AsSpan(0, 12));
}
