using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomerValue.Storage.Reliability;

namespace CustomerValue.Storage;

/// <summary>Settings section "Storage": how the storage clients retry, and (reliability runs only) injected faults.</summary>
public sealed class StorageClientOptions
{
    public const string Section = "Storage";
    public int MaxRetries { get; set; } = 6;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public FaultInjectionOptions FaultInjection { get; set; } = new();
}

public sealed class FaultInjectionOptions
{
    /// <summary>Share of storage calls that fail (0 = off).</summary>
    public double Rate { get; set; }
    /// <summary>For how long after start faults are injected.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(1);
    public int Seed { get; set; } = 1;
}

/// <summary>The storage account's service clients, made once from one connection (a connection string or endpoints with an identity).</summary>
public sealed class StorageClients
{
    public StorageClients(string connectionString) : this(connectionString, new StorageClientOptions(), TimeProvider.System) { }

    public StorageClients(string connectionString, StorageClientOptions options, TimeProvider clock)
        : this(new StorageConnection(connectionString, null, null, null, null), options, clock) { }

    public StorageClients(StorageConnection connection, StorageClientOptions options, TimeProvider clock)
    {
        if (options.FaultInjection.Rate > 0)
            FaultInjection = new FaultInjectionPolicy(options.FaultInjection.Rate, clock.GetUtcNow() + options.FaultInjection.Duration, clock, options.FaultInjection.Seed);

        var blobOptions = Configure(new BlobClientOptions(), options);
        blobOptions.AddPolicy(UnlistableListingPolicy.Instance, HttpPipelinePosition.PerRetry);
        // The queue triggers (storage extension 4.x and 5.x alike) expect Base64 message bodies by default.
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, options);
        var tableOptions = Configure(new TableClientOptions(), options);
        if (connection is { ConnectionString: { } connectionString })
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
            Blobs = new BlobServiceClient(connectionString, blobOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Tables = new TableServiceClient(connectionString, tableOptions);
        }
        else if (connection is { BlobServiceUri: { } blob, QueueServiceUri: { } queue, TableServiceUri: { } table, Credential: { } credential })
        {
            Blobs = new BlobServiceClient(blob, credential, blobOptions);
            Queues = new QueueServiceClient(queue, credential, queueOptions);
            Tables = new TableServiceClient(table, credential, tableOptions);
        }
        else throw new ArgumentException("A storage connection needs a connection string, or the three service endpoints and a credential.", nameof(connection));
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }
    /// <summary>The fault injector when a reliability run turned it on.</summary>
    public FaultInjectionPolicy? FaultInjection { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
    public TableClient Table(string name) => Tables.GetTableClient(name);

    private T Configure<T>(T clientOptions, StorageClientOptions options) where T : ClientOptions
    {
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (FaultInjection is not null) clientOptions.AddPolicy(FaultInjection, HttpPipelinePosition.PerRetry);
        return clientOptions;
    }

    /// <summary>Creates every container, queue and table the pipeline uses; safe to call again.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var c in StorageNames.AllContainers) await Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var q in StorageNames.AllQueues) await Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var t in StorageNames.AllTables) await Table(t).CreateIfNotExistsAsync(cancellationToken);
    }
}
