// The user-assigned identity the function app runs as: the Functions host reaches storage with it
// (AzureWebJobsStorage__credential = managedidentity, __clientId), the platform fetches the deployment package
// with it, and the worker calls Azure AI Language and resolves Key Vault references with it.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
