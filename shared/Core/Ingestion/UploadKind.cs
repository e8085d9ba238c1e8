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

    public static string Name(this UploadKind kind) => kind.ToString().ToLowerInvariant();
    public static string Name(this UploadFormat format) => format.ToString().ToLowerInvariant();
}
