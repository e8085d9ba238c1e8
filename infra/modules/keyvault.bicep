// Key Vault (RBAC authorisation) for the app's secrets. The deployment writes the storage connection string; the
// operator writes the SMTP password and the API key hashes (infra/README.md, step 4). The app reads them as
// Container Apps secrets that reference the vault through its identity (Key Vault Secrets User).
param name string
param location string
param storageAccountName string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

// AzureWebJobsStorage: the trigger extension (Microsoft.Azure.WebJobs.Extensions.Storage 4.0.2, WebJobs SDK 3.x)
// and its lease-based singleton locks need a connection string.
resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
