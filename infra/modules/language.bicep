// Azure AI Language (kind TextAnalytics) for Sentiment:Provider = AzureLanguage. Local (key) auth is off: the app
// calls it with an Entra ID token of its identity (Cognitive Services User), which needs the custom subdomain.
param name string
param location string
param sku string
param tags object

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: sku
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = language.name
output endpoint string = language.properties.endpoint
