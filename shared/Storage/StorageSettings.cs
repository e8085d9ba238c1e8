using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Storage;

/// <summary>
/// The storage account, as the Functions host reads its own "AzureWebJobsStorage" connection: a connection string
/// (local runs, Azurite), or in Azure an identity-based connection, the service endpoints
/// (AzureWebJobsStorage__blobServiceUri, __queueServiceUri, __tableServiceUri, or __accountName for all three) with
/// __credential=managedidentity and __clientId for a user-assigned identity. No account key is needed then.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, Uri? TableServiceUri, TokenCredential? Credential);

public static class StorageSettings
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static StorageConnection Connection(IConfiguration configuration)
    {
        if ((configuration[ConnectionSetting] ?? configuration.GetConnectionString(ConnectionSetting)) is { Length: > 0 } connectionString)
            return new StorageConnection(connectionString, null, null, null, null);

        var section = configuration.GetSection(ConnectionSetting);
        var account = section["accountName"];
        Uri? Endpoint(string service) =>
            section[service + "ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;
        var (blob, queue, table) = (Endpoint("blob"), Endpoint("queue"), Endpoint("table"));
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException($"The setting '{ConnectionSetting}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or set '{ConnectionSetting}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri' (or '__accountName') for an identity-based connection.");
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"])
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageConnection(null, blob, queue, table, credential);
    }
}
