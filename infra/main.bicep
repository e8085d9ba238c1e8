// The customer value pipeline on Azure: one resource group holding the storage account (every container, queue and
// table the code names), the Azure Functions app (isolated worker, .NET 10) on a Flex Consumption plan, the Event
// Grid system topic of the storage account, Azure AI Language, Application Insights with its Log Analytics
// workspace, a Key Vault, and the user-assigned identity the app runs as. The upload trigger's Event Grid
// subscription is deployed after the code (blob-subscription.bicep). See infra/README.md.
targetScope = 'resourceGroup'

@description('Environment name, part of every resource name (with azd: the azd environment name).')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Azure region of every resource (one where Flex Consumption is offered).')
param location string = resourceGroup().location

@description('Short prefix of resource names (lower-case letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'custval'

@description('Storage account redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_LRS'

@description('Azure AI Language pricing tier (F0 is free, one per subscription).')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Memory of one app instance, MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the platform scales the app out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Object id of a person or pipeline that smoke-tests the deployment: gets blob upload, table read and Key Vault secret rights. Empty: none.')
param operatorPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('Pipeline settings: see infra/README.md, "Settings".')
param customerBuckets int = 16
param kpiSchedule string = '0 0 2 * * *'
param activeWindowDays int = 90
param reconciliationSchedule string = '0 */5 * * * *'
param reconciliationMinAge string = '00:10:00'
param reconciliationStallAfter string = '00:02:00'
param uploadTriggerDisabled bool = false

@allowed([
  'Embedded'
  'AzureLanguage'
])
param sentimentProvider string = 'AzureLanguage'

@description('Report e-mail: empty emailTo turns it off (and no SMTP password secret is needed).')
param emailSchedule string = '0 0 7 * * 1'
param emailTo string = ''
param emailFrom string = ''
param smtpHost string = ''
param smtpPort int = 587
@allowed([
  'None'
  'StartTls'
  'SslOnConnect'
])
param smtpUseTls string = 'StartTls'
param smtpUser string = ''

param tags object = {}

// Every container, queue and table of CustomerValue.Storage.StorageNames. A test compares these lists with the
// code: renaming one side alone fails the build. The app also creates them at start (idempotent).
var blobContainers = [
  'uploads'
  'rejected'
  'aggregates'
  'snapshots'
]
var storageQueues = [
  'metrics'
  'ingest'
  'sentiment'
  'metrics-poison'
  'ingest-poison'
  'sentiment-poison'
  'webjobs-blobtrigger-poison'
]
var storageTables = [
  'Uploads'
  'UploadBlobs'
  'Customers'
  'CustomerProfiles'
  'Costs'
  'Subscriptions'
  'SupportTickets'
  'SurveyResponses'
  'SurveySentiment'
  'KpiSnapshots'
  'SegmentSnapshots'
  'Failures'
  'TimerRuns'
  'EmailSends'
]

var suffix = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}'
// Where the platform keeps the app's deployment package (not one of the pipeline's names).
var deploymentContainer = 'app-package-${take(suffix, 7)}'
var allTags = union(tags, {
  application: 'customer-value'
  environment: environmentName
})

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: baseName
    location: location
    retentionDays: logRetentionDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take(toLower('st${namePrefix}${environmentName}${suffix}'), 24)
    location: location
    sku: storageSku
    containers: blobContainers
    queues: storageQueues
    tables: storageTables
    deploymentContainer: deploymentContainer
    tags: allTags
  }
}

module blobEvents 'modules/blob-events-topic.bicep' = {
  name: 'blobEvents'
  params: {
    name: 'evgt-${baseName}-uploads'
    location: location
    storageAccountId: storage.outputs.id
    tags: allTags
  }
}

module language 'modules/language.bicep' = {
  name: 'language'
  params: {
    name: 'lang-${baseName}-${suffix}'
    location: location
    sku: languageSku
    tags: allTags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('kv-${namePrefix}-${environmentName}-${suffix}', 24)
    location: location
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    languageAccountName: language.outputs.name
    keyVaultName: vault.outputs.name
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    baseName: baseName
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: vault.outputs.uri
    languageEndpoint: language.outputs.endpoint
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    customerBuckets: customerBuckets
    kpiSchedule: kpiSchedule
    activeWindowDays: activeWindowDays
    reconciliationSchedule: reconciliationSchedule
    reconciliationMinAge: reconciliationMinAge
    reconciliationStallAfter: reconciliationStallAfter
    uploadTriggerDisabled: uploadTriggerDisabled
    sentimentProvider: sentimentProvider
    emailSchedule: emailSchedule
    emailTo: emailTo
    emailFrom: emailFrom
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUseTls: smtpUseTls
    smtpUser: smtpUser
  }
  // The host must not start before its identity may read the deployment package and reach storage.
  dependsOn: [
    roles
  ]
}

// Upper-case outputs become azd environment values, read by the postdeploy hook and by infra/README.md's commands.
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URI string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output BLOB_EVENTS_TOPIC_NAME string = blobEvents.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_LANGUAGE_ENDPOINT string = language.outputs.endpoint
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
