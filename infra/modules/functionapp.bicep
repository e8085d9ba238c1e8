// The deployable app: an Azure Functions app (isolated worker, .NET 10) on a Flex Consumption plan. The platform
// scales it per trigger from zero up to maximumInstanceCount: HTTP by requests, queues by their length, the upload
// blob trigger by Event Grid deliveries (infra/blob-subscription.bicep), timers on one instance per occurrence.
// Every connection is identity-based: no key or connection string with a key is set anywhere.
param baseName string
param location string
param tags object
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainer string
param appInsightsConnectionString string
param keyVaultUri string
param languageEndpoint string
param instanceMemoryMB int
param maximumInstanceCount int

param customerBuckets int
@description('ISO 4217 code of the money figures in reports and the email (Reports__Currency).')
param reportCurrency string = 'USD'
@description('Public address the email links the full HTML report under (Reports__BaseUrl); empty: no link.')
param reportsBaseUrl string = ''
param kpiSchedule string
param activeWindowDays int
param reconciliationSchedule string
param reconciliationMinAge string
param reconciliationStallAfter string
param uploadTriggerDisabled bool
param sentimentProvider string
param emailSchedule string
param emailTo string
param emailFrom string
param smtpHost string
param smtpPort int
param smtpUseTls string
param smtpUser string

var emailOn = !empty(emailTo)

// The app's settings ("__" stands for ":"). A test compares these names with local.settings.sample.json and the
// code. Empty values are left out below rather than set to "", so that the code's default applies.
var appSettings = {
  // The Functions host and the worker's storage clients: identity-based, one endpoint per service.
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Application Insights with Entra ID ingestion (the component's local auth is off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Which identity DefaultAzureCredential picks in the worker (Azure AI Language).
  AZURE_CLIENT_ID: identityClientId
  // Pipeline tuning: the same defaults as local.settings.sample.json.
  Ingestion__Limits__MaxFileBytes: '268435456'
  Ingestion__Limits__MaxUncompressedBytes: '536870912'
  Ingestion__Limits__MaxRowChars: '256000'
  Ingestion__Limits__MaxCellChars: '32000'
  Value__HorizonWeeks: '52'
  Value__AnnualDiscountRate: '0.10'
  Value__Margin: '1.0'
  Value__NonContractChurn: 'Model'
  Value__ChurnedBelowProbabilityAlive: '0.5'
  Value__InactivityDays: '180'
  Value__RepeatPurchaseModel: 'Auto'
  Storage__MaxRetries: '6'
  Storage__RetryDelay: '00:00:00.200'
  Storage__MaxRetryDelay: '00:00:10'
  Storage__NetworkTimeout: '00:01:00'
  Reports__LatestSnapshotSeconds: '5'
  Reports__Currency: reportCurrency
  Reports__BaseUrl: reportsBaseUrl
  Pipeline__CustomerBuckets: string(customerBuckets)
  Snapshots__KpiSchedule: kpiSchedule
  Snapshots__ActiveWindowDays: string(activeWindowDays)
  Reconciliation__Schedule: reconciliationSchedule
  Reconciliation__MinAge: reconciliationMinAge
  Reconciliation__StallAfter: reconciliationStallAfter
  // The Functions host's own switch (the local engine reads Functions__UploadBlobFunction__Disabled).
  'AzureWebJobs.UploadBlobFunction.Disabled': string(uploadTriggerDisabled)
  Sentiment__Provider: sentimentProvider
  Sentiment__AzureLanguage__Endpoint: languageEndpoint
  Email__Schedule: emailSchedule
  Email__To: emailTo
  Email__From: emailFrom
  Email__Smtp__Host: smtpHost
  Email__Smtp__Port: string(smtpPort)
  Email__Smtp__UseTls: smtpUseTls
  Email__Smtp__User: smtpUser
  // Only referenced (and only has to exist in the vault) when the report e-mail is on.
  Email__Smtp__Password: emailOn ? '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/smtp-password/)' : ''
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  // Globally unique (it is the host name), and short: at most 31 characters.
  name: 'func-${baseName}-${take(uniqueString(resourceGroup().id, baseName), 10)}'
  location: location
  // azd finds the app it deploys the "functions" service to by this tag.
  tags: union(tags, {
    'azd-service-name': 'functions'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: toObject(filter(items(appSettings), setting => !empty(setting.value)), setting => setting.key, setting => setting.value)
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
