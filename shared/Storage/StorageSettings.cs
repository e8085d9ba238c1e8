using Microsoft.Extensions.Configuration;

namespace CustomerValue.Storage;

public static class StorageSettings
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionSetting] ?? configuration.GetConnectionString(ConnectionSetting)
        ?? throw new InvalidOperationException($"The setting '{ConnectionSetting}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite).");
}
