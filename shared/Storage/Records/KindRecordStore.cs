using System.Text.Json;
using Azure.Data.Tables;
using CustomerValue.Ingestion;

namespace CustomerValue.Storage.Records;

/// <summary>
/// Accepted rows of the kinds other than transactions (customers, costs, subscriptions, tickets, surveys), one
/// table per kind. Partition = upload id, row = line number: writes are batched per partition, a retried
/// upload rewrites the same rows, and readers take only the uploads that count (see UploadBlobIndex), so a
/// replaced blob version stops counting without a delete.
/// </summary>
public sealed class KindRecordStore(StorageClients storage)
{
    private static JsonSerializerOptions Json => StoredRows.Json;

    public static string TableOf(UploadKind kind) => kind switch
    {
        UploadKind.Customers => StorageNames.Tables.CustomerProfiles,
        UploadKind.Costs => StorageNames.Tables.Costs,
        UploadKind.Subscriptions => StorageNames.Tables.Subscriptions,
        UploadKind.Tickets => StorageNames.Tables.SupportTickets,
        UploadKind.Surveys => StorageNames.Tables.SurveyResponses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Transactions are aggregated per customer, not stored row by row."),
    };

    /// <summary>Writes one upload's accepted rows, a batch of 100 at a time.</summary>
    public async Task WriteAsync(UploadKind kind, string uploadId, IAsyncEnumerable<(long Line, UploadRecord Record)> rows, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableOf(kind));
        var partition = TableKeys.For(uploadId);
        var batch = new List<TableTransactionAction>(TableWriteRules.MaxBatchActions);
        await foreach (var (line, record) in rows.WithCancellation(cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, line, record)));
            if (batch.Count == TableWriteRules.MaxBatchActions)
            {
                await table.SubmitCheckedAsync(batch, cancellationToken);
                batch = new List<TableTransactionAction>(TableWriteRules.MaxBatchActions);
            }
        }
        if (batch.Count > 0) await table.SubmitCheckedAsync(batch, cancellationToken);
    }

    /// <summary>Every stored row of the given uploads, deserialized to <typeparamref name="T"/>.</summary>
    public IAsyncEnumerable<T> ReadAsync<T>(UploadKind kind, IEnumerable<string> uploadIds, CancellationToken cancellationToken) =>
        ReadRowsAsync<T>(kind, uploadIds, cancellationToken).Select(r => r.Value);

    /// <summary>Every stored row of the given uploads with its upload and line.</summary>
    public async IAsyncEnumerable<(string UploadId, long Line, T Value)> ReadRowsAsync<T>(UploadKind kind, IEnumerable<string> uploadIds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = storage.Table(TableOf(kind));
        foreach (var uploadId in uploadIds)
        {
            var partition = TableKeys.For(uploadId);
            await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey", "Record"], cancellationToken: cancellationToken))
                yield return (uploadId, long.Parse(e.RowKey), JsonSerializer.Deserialize<T>(e.GetString("Record"), Json)!);
        }
    }

    /// <summary>The rows of one customer in the given uploads (a filter on the CustomerId column).</summary>
    public async IAsyncEnumerable<T> ReadWhereCustomerAsync<T>(UploadKind kind, IEnumerable<string> uploadIds, string customerId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = storage.Table(TableOf(kind));
        foreach (var uploadId in uploadIds)
        {
            var partition = TableKeys.For(uploadId);
            await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.GetString("CustomerId") == customerId,
                               select: ["Record"], cancellationToken: cancellationToken))
                yield return JsonSerializer.Deserialize<T>(e.GetString("Record"), Json)!;
        }
    }

    private static TableEntity ToEntity(string partition, long line, UploadRecord record)
    {
        // The reading has already rejected rows too large to store (StoredRows.Check); this guards the write itself.
        var json = StoredRows.Encode(record);
        if (json.Length > TableWriteRules.MaxStringChars)
            throw new TableWriteRefusedException($"Line {line}: the row is {json.Length} characters as stored; at most {TableWriteRules.MaxStringChars} fit in one table row.");
        return new TableEntity(partition, StoredRows.RowKey(line))
        {
            [StoredRows.CustomerIdProperty] = StoredRows.CustomerIdOf(record),
            [StoredRows.RecordProperty] = json,
        };
    }
}
