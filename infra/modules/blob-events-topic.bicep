// The Event Grid system topic of the storage account: the source of the upload blob trigger's events on Flex
// Consumption. Its subscription to the app's blob extension webhook is made after the code is deployed
// (infra/blob-subscription.bicep): the webhook and its key exist only once the host has loaded the trigger.
param name string
param location string
param storageAccountId string
param tags object

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
