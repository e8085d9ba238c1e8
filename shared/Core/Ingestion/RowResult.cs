namespace CustomerValue.Ingestion;

/// <summary>Why one row of an upload was not taken: where it is (1-based line, column name) and what is wrong.</summary>
public sealed record RowRejection(long Line, string? Column, string Reason, string? RawValue = null);

/// <summary>A row read from an upload: either a value or the reason it was rejected.</summary>
public readonly record struct RowResult<T>(long Line, T? Value, RowRejection? Rejection)
{
    public bool IsAccepted => Rejection is null;
    public static RowResult<T> Accept(long line, T value) => new(line, value, null);
    public static RowResult<T> Reject(long line, string? column, string reason, string? raw = null) =>
        new(line, default, new RowRejection(line, column, reason, raw));
}

/// <summary>The whole file cannot be read; the message is meant for the person who uploaded it.</summary>
public sealed class UploadRejectedException(string fileName, string reason) : Exception($"{fileName}: {reason}")
{
    public string FileName { get; } = fileName;
    public string Reason { get; } = reason;
}
