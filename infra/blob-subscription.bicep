// The upload blob trigger's Event Grid subscription, deployed AFTER the code (azd's postdeploy hook runs
// infra/scripts/subscribe-blob-events.sh; see infra/README.md): Event Grid validates the webhook when the
// subscription is created, and the webhook, with its blobs_extension key, exists only once the Functions host
// runs the app's Event Grid blob trigger. Redeploying it is harmless (same name, same settings).
targetScope = 'resourceGroup'

@description('The function app (output AZURE_FUNCTION_APP_NAME of main.bicep).')
param functionAppName string

@description('The storage account\'s Event Grid system topic (output BLOB_EVENTS_TOPIC_NAME of main.bicep).')
param systemTopicName string

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' existing = {
  name: systemTopicName
}

// The blob extension's system key, read at deployment time: it never appears in a parameter or an output.
var blobsExtensionKey = listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource uploads 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = {
  parent: topic
  name: 'uploads-to-${functionAppName}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // Host.Functions.<name> of the [Function] with the Event Grid blob trigger on the uploads container.
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.UploadBlobFunction&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Only the uploads container (StorageNames.Containers.Uploads): rejected rows and aggregates the pipeline
      // writes itself must not come back as uploads.
      subjectBeginsWith: '/blobServices/default/containers/uploads/blobs/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output subscriptionName string = uploads.name
