using Azure.Data.Tables;
using CustomerValue.Ingestion;

namespace CustomerValue.Storage;

/// <summary>A write that Azure Table Storage would refuse (even where Azurite accepts it).</summary>
public sealed class TableWriteRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// The Table service's limits, checked before a write: Azurite accepts several things Azure refuses, and a
/// pipeline tested only against Azurite would fail in production on the first odd row.
/// </summary>
public static class TableWriteRules
{
    public const int MaxBatchActions = 100;
    public const int MaxCustomProperties = 252;
    public const int MaxKeyLength = 1024;
    /// <summary>64 KiB as UTF-16: 32,768 characters.</summary>
    public const int MaxStringChars = TableLimits.MaxStringChars;
    public const int MaxBinaryBytes = 64 * 1024;
    private static readonly DateTimeOffset MinDate = new(TableLimits.MinDate);

    public static void Validate(ITableEntity entity)
    {
        CheckKey("PartitionKey", entity.PartitionKey);
        CheckKey("RowKey", entity.RowKey);
        if (entity is not TableEntity dynamic) return;
        var custom = dynamic.Keys.Count(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));
        if (custom > MaxCustomProperties)
            throw new TableWriteRefusedException($"Entity {Describe(entity)} has {custom} properties; a table entity holds at most {MaxCustomProperties}.");
        foreach (var (name, value) in dynamic)
        {
            switch (value)
            {
                case string s when s.Length > MaxStringChars:
                    throw new TableWriteRefusedException($"Property '{name}' of {Describe(entity)} is {s.Length} characters; at most {MaxStringChars} fit in 64 KiB.");
                case byte[] b when b.Length > MaxBinaryBytes:
                    throw new TableWriteRefusedException($"Property '{name}' of {Describe(entity)} is {b.Length} bytes; at most {MaxBinaryBytes}.");
                case DateTimeOffset d when d < MinDate:
                    throw new TableWriteRefusedException($"Property '{name}' of {Describe(entity)} is {d:O}; dates before 1601-01-01 are refused.");
                case DateTime d when d < MinDate.UtcDateTime:
                    throw new TableWriteRefusedException($"Property '{name}' of {Describe(entity)} is {d:O}; dates before 1601-01-01 are refused.");
            }
        }
    }

    public static void ValidateBatch(IReadOnlyCollection<TableTransactionAction> actions)
    {
        if (actions.Count == 0) throw new TableWriteRefusedException("A batch needs at least one action.");
        if (actions.Count > MaxBatchActions)
            throw new TableWriteRefusedException($"A batch holds at most {MaxBatchActions} actions; this one has {actions.Count}.");
        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Take(2).ToList();
        if (partitions.Count > 1)
            throw new TableWriteRefusedException($"A batch must stay in one partition; this one mixes '{partitions[0]}' and '{partitions[1]}'.");
        var duplicate = actions.GroupBy(a => a.Entity.RowKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TableWriteRefusedException($"A batch may touch each entity once; row '{duplicate.Key}' appears {duplicate.Count()} times.");
        foreach (var a in actions) Validate(a.Entity);
    }

    private static void CheckKey(string which, string? key)
    {
        if (key is null) throw new TableWriteRefusedException($"{which} is missing.");
        if (key.Length > MaxKeyLength) throw new TableWriteRefusedException($"{which} is {key.Length} characters; at most {MaxKeyLength}.");
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?')
                throw new TableWriteRefusedException($"{which} '{key}' holds '{c}', which Azure Table Storage refuses in keys.");
            if (char.IsControl(c))
                throw new TableWriteRefusedException($"{which} holds the control character U+{(int)c:X4}, which Azure Table Storage refuses in keys.");
        }
    }

    private static string Describe(ITableEntity e) => $"({e.PartitionKey}, {e.RowKey})";

    /// <summary>Upsert after checking the entity against Azure's rules.</summary>
    public static Task UpsertCheckedAsync(this TableClient table, ITableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        Validate(entity);
        return table.UpsertEntityAsync(entity, mode, cancellationToken);
    }

    /// <summary>Submit a batch after checking it against Azure's rules.</summary>
    public static Task SubmitCheckedAsync(this TableClient table, IReadOnlyCollection<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ValidateBatch(actions);
        return table.SubmitTransactionAsync(actions, cancellationToken);
    }
}
