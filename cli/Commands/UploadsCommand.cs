using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerValue.Application.Uploads;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi uploads list` shows every upload, the counts per status and the backlog; `roi uploads remove ID` takes one out.</summary>
internal static class UploadsCommand
{
    public static Command Create()
    {
        var command = new Command("uploads", "List uploads with their status and the backlog, or remove one.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRemove());
        return command;
    }

    private static Command CreateList()
    {
        var json = new Option<bool>("--json") { Description = "The listing as one JSON object (counts, backlog, uploads)." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many uploads, newest first (the counts cover all).", DefaultValueFactory = _ => 50 };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("list", "Every upload, newest first, with counts per status and the backlog (blobs not yet seen, queued messages, drain rate).")
            { json, limit, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            var listing = await services.GetRequiredService<UploadCatalog>().ListAsync(ct);
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(listing, CliJson.Options));
                return 0;
            }
            foreach (var u in listing.Uploads.Take(r.GetValue(limit)))
                Console.WriteLine(string.Join('\t', u.UploadId, u.Status, UploadBlobIndex.PartitionOf(u.Kind), u.BlobName, $"rows {u.RowsAccepted}/{u.RowsRead}",
                    $"chunks {u.ChunksDone}/{u.ChunksTotal}", u.ReceivedAt.ToString("u", CultureInfo.InvariantCulture), u.Failure ?? ""));
            Console.WriteLine(Summary(listing));
            return 0;
        });
        return command;
    }

    /// <summary>The counts and the backlog in two lines.</summary>
    public static string Summary(UploadListing listing)
    {
        var (c, b) = (listing.Counts, listing.Backlog);
        return $"uploads {c.Total}: completed {c.Completed}, processing {c.Processing}, aggregating {c.Aggregating}, failed {c.Failed}, "
            + $"removing {c.Removing}, removed {c.Removed}; work retrying {c.Retrying}, poisoned {c.Poisoned}\n"
            + $"backlog: {b.BlobsNotYetSeen} blobs not yet seen" + (b.OldestNotYetSeen is { } oldest ? $" (oldest {oldest:u})" : "")
            + $"; queued: ingest {b.IngestQueue}, metrics {b.MetricsQueue}, sentiment {b.SentimentQueue}; "
            + $"drain: {b.CompletedInWindow} completed in the last {UploadCatalog.DrainWindow.TotalMinutes:0} min ({b.CompletedPerMinute:0.#}/min)";
    }

    private static Command CreateRemove()
    {
        var id = new Argument<string>("id") { Description = "The upload id (from `roi uploads list` or `roi upload`)." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("remove", "Remove an upload: its file is deleted and its rows leave every table (customers, records, sentiment) and the next snapshot.")
            { id, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            var record = await services.GetRequiredService<UploadCatalog>().RemoveAsync(r.GetValue(id)!, ct);
            if (record is null)
            {
                Console.Error.WriteLine($"roi uploads remove: no upload with id '{r.GetValue(id)}'.");
                return 1;
            }
            Console.WriteLine(record.Status == UploadStatus.Removing
                ? $"{record.UploadId}\tRemoving\t{UploadLedger.ChunksOf(record).Count} customer buckets queued to subtract it (the host does this; `roi uploads list` shows when it is Removed)"
                : $"{record.UploadId}\tRemoved");
            return 0;
        });
        return command;
    }
}
