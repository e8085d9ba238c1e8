using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerValue.Ingestion;

/// <summary>What an upload holds; the blob path is <c>uploads/&lt;kind&gt;/&lt;file&gt;</c>.</summary>
public enum UploadKind { Customers, Transactions, Costs, Subscriptions, Tickets, Surveys }

/// <summary>The layout of the file: the survey platform that exported it, or plain tabular data.</summary>
public enum UploadFormat { Csv, Xlsx, AlignedText, Qualtrics, SurveyMonkey, Typeform, GoogleForms, Plain }

/// <summary>How the bytes are packaged: delimited text, an Excel workbook, or space-aligned columns.</summary>
public enum UploadContainer { Csv, Xlsx, AlignedText }

/// <summary>Order of day and month in dates such as 03/04/2024.</summary>
public enum DateOrder { DayFirst, MonthFirst }

public static class UploadKinds
{
    /// <summary>Parses a kind name as used in blob paths and on the command line (singular or plural, any case).</summary>
    public static bool TryParse(string? text, out UploadKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToLowerInvariant();
        UploadKind? found = t switch
        {
            "customer" or "customers" => UploadKind.Customers,
            "transaction" or "transactions" or "orders" or "purchases" => UploadKind.Transactions,
            "cost" or "costs" => UploadKind.Costs,
            "subscription" or "subscriptions" or "contract" or "contracts" => UploadKind.Subscriptions,
            "ticket" or "tickets" or "support" => UploadKind.Tickets,
            "survey" or "surveys" => UploadKind.Surveys,
            _ => null,
        };
        if (found is null) return false;
        kind = found.Value;
        return true;
    }

    /// <summary>The kind named by a blob path <c>uploads/&lt;kind&gt;/&lt;file&gt;</c>; null for <c>auto</c> or any other path.</summary>
    public static UploadKind? FromPath(string fileName)
    {
        var parts = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < parts.Length; i++)
            if (parts[i].Equals("uploads", StringComparison.OrdinalIgnoreCase) && TryParse(parts[i + 1], out var kind))
                return kind;
        return null;
    }

    /// <summary>The kind named by the first segment of a path inside the uploads container (<c>&lt;kind&gt;/&lt;file&gt;</c>); null when it names none.</summary>
    public static UploadKind? OfFolder(string blobPath) => TryParse(FolderOf(blobPath), out var kind) ? kind : null;

    /// <summary>The first segment of a path inside the uploads container, lower-case: the folder that should name the kind.</summary>
    public static string FolderOf(string blobPath)
    {
        var slash = blobPath.IndexOf('/');
        return slash > 0 ? blobPath[..slash].ToLowerInvariant() : "";
    }

    /// <summary>The stored form of a kind (table rows, queue messages, blob folders): its lower-case name.</summary>
    public static string Name(this UploadKind kind) => kind.ToString().ToLowerInvariant();
    public static string Name(this UploadFormat format) => format.ToString().ToLowerInvariant();
}

/// <summary>
/// Reads and writes a kind as its stored name ("transactions"), so messages and rows written before the kind was typed
/// still read; a name that is no kind is a <see cref="JsonException"/> (a failed message, not a crash).
/// </summary>
public sealed class UploadKindJsonConverter : JsonConverter<UploadKind>
{
    public override UploadKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return UploadKinds.TryParse(text, out var kind) ? kind
            : throw new JsonException($"'{text}' is not a kind of upload (one of {string.Join(", ", Enum.GetValues<UploadKind>().Select(k => k.Name()))}).");
    }

    public override void Write(Utf8JsonWriter writer, UploadKind value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
