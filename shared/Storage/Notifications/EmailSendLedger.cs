using Azure;
using Azure.Data.Tables;

namespace CustomerValue.Storage.Notifications;

public enum EmailClaim
{
    /// <summary>This run may send: nobody did, or an earlier attempt stalled in "sending" past its lease.</summary>
    Claimed,
    AlreadySent,
    /// <summary>Another run marked it "sending" within the lease: leave it to that run.</summary>
    InFlight,
}

public sealed record EmailSendRecord(string Kind, string Period, string Status, string MessageId, int Attempts, DateTimeOffset? SendingSince, DateTimeOffset? SentAt,
    string? Failure = null);

/// <summary>
/// The EmailSends table: partition = email kind, row = period. A run records "sending" (with the Message-Id it will
/// use) before it talks to the relay and "sent" after, so a retried or duplicated run sends once per period.
/// The window between the relay accepting and "sent" being written is closed towards at-least-once: a "sending"
/// mark older than the lease is sent again, with the same Message-Id, which mail systems use to drop duplicates.
/// </summary>
public sealed class EmailSendLedger(StorageClients storage)
{
    public const string Sending = "sending", Sent = "sent", Failed = "failed";
    private TableClient Table => storage.Table(StorageNames.Tables.EmailSends);

    /// <returns>The claim and the Message-Id to send with (the stored one when an earlier attempt chose it).</returns>
    public async Task<(EmailClaim Claim, string MessageId)> TryClaimAsync(
        string kind, string period, string newMessageId, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(kind, period)
            {
                ["Status"] = Sending, ["MessageId"] = newMessageId, ["Attempts"] = 1, ["SendingSince"] = now,
            }, cancellationToken);
            return (EmailClaim.Claimed, newMessageId);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await Table.GetEntityAsync<TableEntity>(kind, period, cancellationToken: cancellationToken)).Value;
            var messageId = existing.GetString("MessageId") ?? newMessageId;
            if (existing.GetString("Status") == Sent) return (EmailClaim.AlreadySent, messageId);
            // A period recorded as failed is tried again by the next run at once; a "sending" one only after its lease.
            if (existing.GetString("Status") != Failed && existing.GetDateTimeOffset("SendingSince") is { } since && now - since < lease)
                return (EmailClaim.InFlight, messageId);
            existing["Status"] = Sending;
            existing["SendingSince"] = now;
            existing["Attempts"] = (existing.GetInt32("Attempts") ?? 1) + 1;
            try
            {
                await Table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return (EmailClaim.Claimed, messageId);
            }
            catch (RequestFailedException race) when (race.Status == 412)
            {
                return (EmailClaim.InFlight, messageId); // another run took over the stale claim first
            }
        }
    }

    public Task MarkSentAsync(string kind, string period, string messageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(kind, period) { ["Status"] = Sent, ["MessageId"] = messageId, ["SentAt"] = now },
            TableUpdateMode.Merge, cancellationToken);

    /// <summary>The run gave up on the period: recorded with the last failure; the next run claims it again.</summary>
    public Task MarkFailedAsync(string kind, string period, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(kind, period) { ["Status"] = Failed, ["Failure"] = reason.Length > 8000 ? reason[..8000] : reason, ["FailedAt"] = now },
            TableUpdateMode.Merge, cancellationToken);

    public async Task<EmailSendRecord?> GetAsync(string kind, string period, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(kind, period, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var e = response.Value!;
        return new EmailSendRecord(kind, period, e.GetString("Status") ?? "", e.GetString("MessageId") ?? "", e.GetInt32("Attempts") ?? 0,
            e.GetDateTimeOffset("SendingSince"), e.GetDateTimeOffset("SentAt"), e.GetString("Failure"));
    }
}
