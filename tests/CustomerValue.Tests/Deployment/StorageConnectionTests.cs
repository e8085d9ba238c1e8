using Azure.Identity;
using CustomerValue.Storage;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Tests.Deployment;

/// <summary>
/// The app reads the storage connection the way the Functions host does: a connection string locally, the
/// identity-based form that infra/ deploys (endpoints, managedidentity, the user-assigned client id) in Azure.
/// </summary>
public sealed class StorageConnectionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var connection = StorageSettings.Connection(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        var clients = new StorageClients(connection, new StorageClientOptions(), TimeProvider.System);
        Assert.Equal("devstoreaccount1", clients.Blobs.AccountName);
    }

    [Fact]
    public void The_deployed_identity_based_settings_give_the_three_endpoints_and_the_managed_identity()
    {
        var connection = StorageSettings.Connection(Settings(
            ("AzureWebJobsStorage:blobServiceUri", "https://stcv.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stcv.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stcv.table.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        var clients = new StorageClients(connection, new StorageClientOptions(), TimeProvider.System);
        Assert.Equal(new Uri("https://stcv.blob.core.windows.net"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://stcv.queue.core.windows.net"), clients.Queues.Uri);
        Assert.Equal("stcv", clients.Tables.AccountName);
    }

    [Fact]
    public void An_account_name_alone_gives_the_public_cloud_endpoints()
    {
        var connection = StorageSettings.Connection(Settings(("AzureWebJobsStorage:accountName", "stcv")));

        Assert.Equal(new Uri("https://stcv.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
    }

    [Fact]
    public void No_connection_at_all_names_both_forms_of_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.Connection(Settings(("AzureWebJobsStorage:blobServiceUri", "https://stcv.blob.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage", error.Message);
        Assert.Contains("__queueServiceUri", error.Message);
    }
}
