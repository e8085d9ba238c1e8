// Key Vault (RBAC authorisation) for the secrets the app cannot get through its identity: today the SMTP
// password of the report e-mail, written by the operator (infra/README.md). The app reads it through a Key Vault
// reference in its app settings, resolved with its identity (Key Vault Secrets User).
param name string
param location string
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

output name string = vault.name
output uri string = vault.properties.vaultUri
