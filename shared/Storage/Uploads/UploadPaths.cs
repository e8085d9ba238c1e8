namespace CustomerValue.Storage.Uploads;

/// <summary>
/// Blob paths inside the uploads container: {kind}/{file}. A path is only ever used as data (hashed into keys,
/// shown in the ledger), but tricks such as "..", control characters or absurd lengths are refused outright.
/// </summary>
public static class UploadPaths
{
    public const int MaxLength = 1024;

    /// <summary>Null when the path is acceptable; otherwise why not, in words for the uploader.</summary>
    public static string? Problem(string blobPath)
    {
        if (string.IsNullOrEmpty(blobPath)) return "the blob name is empty";
        if (blobPath.Length > MaxLength) return $"the blob name is {blobPath.Length} characters long; at most {MaxLength} are accepted";
        if (blobPath.Any(char.IsControl)) return "the blob name holds control characters";
        if (blobPath.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            return "the blob name holds invisible formatting characters (such as right-to-left overrides)";
        if (!IsValidUtf16(blobPath))
            return "the blob name is not valid Unicode (a lone surrogate)";
        var segments = blobPath.Split('/');
        if (segments.Any(s => s is "." or ".." || s.Length == 0)) return "the blob name holds empty, '.' or '..' path segments";
        if (segments.Length < 2) return "the blob must sit under a kind folder: uploads/<kind>/<file>";
        return null;
    }

    private static bool IsValidUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    /// <summary>A file name safe to use as the last segment of an upload's blob path.</summary>
    public static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var cleaned = new string(name.Select(c => char.IsControl(c) || c is '/' or '\\' ? '_' : c).ToArray()).Trim();
        if (cleaned is "" or "." or "..") cleaned = "upload";
        return cleaned.Length > 200 ? cleaned[..200] : cleaned;
    }
}
