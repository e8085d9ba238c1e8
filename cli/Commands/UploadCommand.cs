using CustomerValue.Ingestion;
using System.CommandLine;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi upload FILE`: puts a file where the pipeline picks it up and follows it through the ledger.</summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to upload." };
        var kind = new Option<string>("--kind") { Description = "transactions, customers, costs, subscriptions, tickets or surveys.", DefaultValueFactory = _ => "transactions" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for processing.", DefaultValueFactory = _ => 600 };
        var noWait = new Option<bool>("--no-wait") { Description = "Upload only; do not follow processing." };
        var onlyIfEmpty = new Option<bool>("--only-if-empty")
        {
            Description = "Upload only into an account that holds no uploads yet (how `scripts/run` loads its sample); say so and skip otherwise.",
        };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("upload", "Upload a file into uploads/<kind>/ and show progress until the pipeline has processed it.")
            { file, kind, timeout, noWait, onlyIfEmpty, connection };
        command.SetAction((r, ct) => RunAsync(r.GetValue(file)!, r.GetValue(kind)!, r.GetValue(timeout), r.GetValue(noWait), r.GetValue(onlyIfEmpty), r.GetValue(connection), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string kind, int timeoutSeconds, bool noWait, bool onlyIfEmpty, string? connection, CancellationToken ct)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"roi upload: {file.FullName} does not exist.");
            return 2;
        }
        if (!UploadKinds.TryParse(kind, out var uploadKind))
        {
            Console.Error.WriteLine($"roi upload: '{kind}' is not a kind of upload; use transactions, customers, costs, subscriptions, tickets or surveys.");
            return 2;
        }
        kind = uploadKind.Name(); // the folder and the id use the stored name, as the pipeline does
        await using var services = CliStorage.Services(connection);
        var storage = services.GetRequiredService<StorageClients>();
        var ledger = services.GetRequiredService<UploadLedger>();
        await storage.EnsureCreatedAsync(ct);
        if (onlyIfEmpty && await HeldUploadsAsync(services.GetRequiredService<CustomerValue.Application.Uploads.UploadBlobListing>(), ledger, ct) is > 0 and var held)
        {
            Console.WriteLine($"roi upload: the account already holds {held} upload(s); {file.Name} is not loaded into it (--only-if-empty). `roi uploads list` shows them.");
            return 0;
        }

        string uploadId;
        await using (var content = file.OpenRead())
            uploadId = await UploadIds.FromContentAsync(kind, content, ct);
        var blobName = $"{kind}/{UploadPaths.SafeFileName(file.Name)}";
        UploadLedgerEntry? record = null;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeoutSeconds);

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var upload = progress.AddTask($"upload {blobName}", maxValue: Math.Max(1, file.Length));
                var processing = progress.AddTask("processing", autoStart: false, maxValue: 1);
                await using (var content = file.OpenRead())
                {
                    await storage.Container(StorageNames.Containers.Uploads).GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
                    {
                        ProgressHandler = new Progress<long>(bytes => upload.Value = bytes),
                        TransferOptions = new StorageTransferOptions { MaximumTransferSize = 4 << 20 },
                    }, ct);
                }
                upload.Value = upload.MaxValue;
                // Ask for ingestion at once: the blob trigger's container scan can lag by a minute under load.
                // Both paths are idempotent, so whichever comes second finds the work done.
                await storage.Queue(StorageNames.Queues.Ingest).SendMessageAsync(
                    System.Text.Json.JsonSerializer.Serialize(new CustomerValue.Application.Messages.IngestWorkItem(blobName)), ct);
                if (noWait) return;
                processing.StartTask();
                while (DateTimeOffset.UtcNow < deadline)
                {
                    record = await ledger.GetAsync(uploadId, ct);
                    if (record is { ChunksTotal: > 0 })
                    {
                        processing.MaxValue = record.ChunksTotal;
                        processing.Value = record.ChunksDone;
                    }
                    if (record?.Status is UploadStatus.Completed or UploadStatus.Failed) break;
                    await Task.Delay(250, ct);
                }
                processing.Value = processing.MaxValue;
            });

        Console.WriteLine($"upload id: {uploadId}");
        if (noWait) return 0;
        if (record is null)
        {
            Console.Error.WriteLine($"roi upload: the pipeline did not pick up {blobName} within {timeoutSeconds} s. Is the host running against the same storage?");
            return 3;
        }
        Console.WriteLine($"status: {record.Status}; rows read {record.RowsRead}, accepted {record.RowsAccepted}, rejected {record.RowsRejected}");
        if (record.RejectedBlob is not null) Console.WriteLine($"rejected rows: {record.RejectedBlob}");
        // How the file was read, with any warning (a tail left unread, invalid bytes in the text): nothing is silent.
        if (!string.IsNullOrEmpty(record.Notes)) Console.WriteLine($"reading: {record.Notes}");
        switch (record.Status)
        {
            case UploadStatus.Completed:
                return 0;
            case UploadStatus.Failed:
                Console.Error.WriteLine($"roi upload: processing failed: {record.Failure}");
                return 1;
            default:
                Console.Error.WriteLine($"roi upload: still {record.Status} after {timeoutSeconds} s.");
                return 3;
        }
    }

    /// <summary>Uploads that count or are on their way: ledger entries not removed, and files not yet seen.</summary>
    private static async Task<int> HeldUploadsAsync(CustomerValue.Application.Uploads.UploadBlobListing listing, UploadLedger ledger, CancellationToken ct)
    {
        var held = await ledger.ListAsync(ct).CountAsync(u => u.Status is not (UploadStatus.Removed or UploadStatus.Failed), ct);
        if (held > 0) return held;
        await foreach (var _ in listing.ListAsync(DateTimeOffset.UtcNow, ct)) return 1;
        return 0;
    }
}
