using System.Text.Json;
using Azure.Data.Tables;
using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Sentiment;
using CustomerValue.Storage.Records;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;
using SentimentComment = CustomerValue.Sentiment.SurveyComment;

namespace CustomerValue.Application.Sentiment;

/// <summary>One scored comment as stored.</summary>
public sealed record StoredCommentSentiment(string UploadId, string ResponseId, string? CustomerId, string Question, SentimentLabel Label,
    double Compound, IReadOnlyList<AspectSentiment> Aspects, IReadOnlyList<string> KeyPhrases, string? Error);

/// <summary>
/// The queue-triggered sentiment stage: reads one survey upload's responses, scores every comment in batches
/// through the configured analyzer, and upserts one row per comment (partition = upload, row = line and comment
/// index), so a retry rewrites the same rows. Marks the upload's single chunk done.
/// </summary>
public sealed partial class SurveySentimentService(
    KindRecordStore records, CommentAnalysisService analysis, StorageClients storage, UploadLedger ledger, ILogger<SurveySentimentService> logger)
{
    private const int BatchSize = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TableClient Table => storage.Table(StorageNames.Tables.SurveySentiment);

    public async Task ScoreUploadAsync(SentimentWorkItem work, CancellationToken cancellationToken)
    {
        LogScoring(logger, work.UploadId);
        var pending = new List<(string RowKey, SurveyResponse Response, SentimentComment Comment)>();
        var scored = 0;
        await foreach (var (_, line, response) in records.ReadRowsAsync<SurveyResponse>(UploadKind.Surveys, [work.UploadId], cancellationToken))
        {
            for (var i = 0; i < response.Comments.Count; i++)
            {
                var c = response.Comments[i];
                if (string.IsNullOrWhiteSpace(c.Text)) continue;
                pending.Add(($"{line:D10}-{i:D3}", response, new SentimentComment(response.ResponseId, c.Question, c.Text)));
                if (pending.Count == BatchSize) scored += await ScoreAndStoreAsync(work.UploadId, pending, cancellationToken);
            }
        }
        if (pending.Count > 0) scored += await ScoreAndStoreAsync(work.UploadId, pending, cancellationToken);
        await ledger.MarkChunkDoneAsync(work.UploadId, 0, cancellationToken);
        LogScored(logger, work.UploadId, scored);
    }

    /// <summary>Deletes one upload's scored comments (the upload was removed); returns how many.</summary>
    public Task<int> DeleteUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        Table.DeletePartitionAsync(TableKeys.For(uploadId), cancellationToken);

    public async IAsyncEnumerable<StoredCommentSentiment> ReadAsync(IEnumerable<string> uploadIds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var uploadId in uploadIds)
        {
            var partition = TableKeys.For(uploadId);
            await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
                yield return new StoredCommentSentiment(uploadId, e.GetString("ResponseId"), e.GetString("CustomerId"), e.GetString("Question") ?? "",
                    Enum.Parse<SentimentLabel>(e.GetString("Label")), e.GetDouble("Compound") ?? 0,
                    JsonSerializer.Deserialize<List<AspectSentiment>>(e.GetString("Aspects") ?? "[]", Json)!,
                    JsonSerializer.Deserialize<List<string>>(e.GetString("KeyPhrases") ?? "[]", Json)!, e.GetString("Error"));
        }
    }

    private async Task<int> ScoreAndStoreAsync(string uploadId, List<(string RowKey, SurveyResponse Response, SentimentComment Comment)> pending, CancellationToken cancellationToken)
    {
        var results = await analysis.AnalyzeAsync(pending.Select(p => p.Comment).ToList(), cancellationToken);
        var partition = TableKeys.For(uploadId);
        var actions = pending.Zip(results, (p, r) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, p.RowKey)
        {
            ["ResponseId"] = p.Response.ResponseId,
            ["CustomerId"] = p.Response.CustomerId,
            ["Question"] = Truncate(p.Comment.QuestionText, 2000),
            ["Label"] = r.Label.ToString(),
            ["Compound"] = r.Compound,
            ["Aspects"] = Truncate(JsonSerializer.Serialize(r.Aspects, Json), TableWriteRules.MaxStringChars),
            ["KeyPhrases"] = Truncate(JsonSerializer.Serialize(r.KeyPhrases, Json), 8000),
            ["Error"] = r.Error is { } error ? $"{error.Code}: {error.Message}" : null,
        })).ToList();
        await Table.SubmitCheckedAsync(actions, cancellationToken);
        var count = pending.Count;
        pending.Clear();
        return count;
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    [LoggerMessage(EventId = LogEvents.Sentiment + 2, Level = LogLevel.Information, Message = "Survey upload {UploadId}: scoring its comments")]
    private static partial void LogScoring(ILogger logger, string uploadId);

    [LoggerMessage(EventId = LogEvents.Sentiment + 1, Level = LogLevel.Information, Message = "Survey upload {UploadId}: {Comments} comments scored")]
    private static partial void LogScored(ILogger logger, string uploadId, int comments);
}
