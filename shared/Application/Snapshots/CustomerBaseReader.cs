using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Snapshots;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Records;
using CustomerValue.Application.Sentiment;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Uploads;

namespace CustomerValue.Application.Snapshots;

/// <summary>Reads everything the snapshot needs, from the uploads that count, into one <see cref="CustomerBase"/> (all of history; the snapshot cuts it to its day).</summary>
public sealed class CustomerBaseReader(CustomerTable customers, UploadBlobIndex blobIndex, KindRecordStore records, SurveySentimentService sentiment,
    Microsoft.Extensions.Options.IOptions<PipelineOptions> pipeline)
{
    public async Task<CustomerBase> ReadAsync(CancellationToken cancellationToken)
    {
        var purchases = await customers.ReadAllPurchasesAsync(pipeline.Value.CustomerBuckets, cancellationToken).ToListAsync(cancellationToken);
        var surveyUploads = await ActiveAsync(UploadKind.Surveys, cancellationToken);
        var comments = await sentiment.ReadAsync(surveyUploads, cancellationToken)
            .Where(c => c.Error is null)
            .Select(c => new CommentScore(c.ResponseId, c.CustomerId, c.Compound, c.Label.ToString(), c.Aspects.Select(a => (a.Topic, a.Compound)).ToList()))
            .ToListAsync(cancellationToken);
        return new CustomerBase
        {
            Purchases = purchases,
            Profiles = await ReadKindAsync<CustomerRecord>(UploadKind.Customers, cancellationToken),
            Costs = await ReadKindAsync<CostRecord>(UploadKind.Costs, cancellationToken),
            Subscriptions = await ReadKindAsync<SubscriptionRecord>(UploadKind.Subscriptions, cancellationToken),
            Tickets = await ReadKindAsync<TicketRecord>(UploadKind.Tickets, cancellationToken),
            Surveys = await records.ReadAsync<SurveyResponse>(UploadKind.Surveys, surveyUploads, cancellationToken).ToListAsync(cancellationToken),
            Comments = comments,
        };
    }

    private Task<IReadOnlyList<string>> ActiveAsync(UploadKind kind, CancellationToken cancellationToken) =>
        blobIndex.ActiveUploadsAsync(kind, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadKindAsync<T>(UploadKind kind, CancellationToken cancellationToken) =>
        await records.ReadAsync<T>(kind, await ActiveAsync(kind, cancellationToken), cancellationToken).ToListAsync(cancellationToken);
}
