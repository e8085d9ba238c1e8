using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace CustomerValue.Storage;

/// <summary>The storage account's service clients, made once from one connection string.</summary>
public sealed class StorageClients
{
    public StorageClients(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Blobs = new BlobServiceClient(connectionString);
        // The WebJobs queue trigger (extension 4.x) expects Base64 message bodies.
        Queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Tables = new TableServiceClient(connectionString);
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every container, queue and table the pipeline uses; safe to call again.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var c in StorageNames.AllContainers) await Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var q in StorageNames.AllQueues) await Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var t in StorageNames.AllTables) await Table(t).CreateIfNotExistsAsync(cancellationToken);
    }
}
