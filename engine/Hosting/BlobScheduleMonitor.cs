using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Storage;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>
/// Where each timer's last and next occurrence are kept, so that a restart or another instance knows whether an
/// occurrence was missed (past due). The timer extension 3.0.6 ships a monitor built on the storage layer of
/// Host.Storage 3.x, which 5.x no longer has; this one keeps the same blob, at the same path and in the same JSON
/// shape as the Functions host (azure-webjobs-hosts/timers/{hostId}/{timer}/status), through Host.Storage's own
/// client for the hosting container, the one its singleton locks use.
/// </summary>
public sealed partial class BlobScheduleMonitor(IAzureBlobStorageProvider storage, IHostIdProvider hostIds, ILogger<BlobScheduleMonitor> logger) : ScheduleMonitor, IDisposable
{
    private readonly SemaphoreSlim directoryGate = new(1, 1);

    public void Dispose() => directoryGate.Dispose();
    private (BlobContainerClient Container, string Prefix)? directory;

    public override async Task<ScheduleStatus> GetStatusAsync(string timerName)
    {
        var blob = await StatusBlobAsync(timerName);
        try
        {
            var content = await blob.DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<ScheduleStatus>()!;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null!; // no status recorded yet: the extension treats null as "never ran"
        }
    }

    public override async Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        try
        {
            var blob = await StatusBlobAsync(timerName);
            await blob.UploadAsync(BinaryData.FromObjectAsJson(status), overwrite: true);
        }
        catch (RequestFailedException e)
        {
            // The status only decides whether a missed occurrence runs late; the run itself has happened.
            LogStatusNotSaved(e, timerName);
        }
    }

    private async Task<BlobClient> StatusBlobAsync(string timerName)
    {
        // The host id is known only once the host has started, so the directory is resolved on first use.
        if (directory is null)
        {
            await directoryGate.WaitAsync();
            try
            {
                if (directory is null)
                {
                    if (!storage.TryCreateHostingBlobContainerClient(out var container))
                        throw new InvalidOperationException("The timer status needs the host's storage account (AzureWebJobsStorage).");
                    var hostId = await hostIds.GetHostIdAsync(CancellationToken.None);
                    directory = (container, $"timers/{hostId}");
                }
            }
            finally
            {
                directoryGate.Release();
            }
        }
        var (hosting, prefix) = directory.Value;
        return hosting.GetBlobClient($"{prefix}/{timerName}/status");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of timer {TimerName} was not saved")]
    private partial void LogStatusNotSaved(Exception exception, string timerName);
}
