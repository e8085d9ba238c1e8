// The customer value pipeline on Azure: one resource group holding the storage account (every container, queue and
// table the code names), the host as an Azure Container App that scales with the metrics queue, Azure AI Language,
// Application Insights with its Log Analytics workspace, a Key Vault for secrets, a container registry and the
// user-assigned identity the app runs as. See infra/README.md for the step-by-step deployment.
targetScope = 'resourceGroup'

@description('Environment name, part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short prefix of resource names (letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'custval'

@description('Deploy the Container App. false on the first run: the image and the Key Vault secrets must exist first.')
param deployApp bool = true

@description('Image of the host, e.g. <registry>.azurecr.io/customer-value:1.0.0. Required when deployApp is true.')
param containerImage string = ''

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

@description('Replicas that always run: at least 1, so the timers fire.')
@minValue(1)
param minReplicas int = 1

@maxValue(30)
param maxReplicas int = 5

@description('Metrics-queue messages per replica before the app scales out.')
@minValue(1)
param queueLengthPerReplica int = 32

@description('CPU cores and memory of one replica (Consumption profile pairs: 0.5/1Gi, 1/2Gi, 2/4Gi).')
param cpuCores string = '1.0'
param memory string = '2Gi'

@description('Pipeline settings: see infra/README.md, "Settings".')
param hostId string = 'customer-value'
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
@allowed(['None', 'StartTls', 'SslOnConnect'])
param smtpUseTls string = 'StartTls'
param smtpUser string = ''

param telemetryConsole bool = false

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

// The queue whose length drives scale-out: one message per (upload, customer bucket).
var scaleQueue = 'metrics'

var suffix = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}'
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
    storageAccountName: storage.outputs.name
    tags: allTags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: take(toLower('cr${namePrefix}${environmentName}${suffix}'), 50)
    location: location
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    languageAccountName: language.outputs.name
    keyVaultName: vault.outputs.name
    registryName: registry.outputs.name
  }
}

module app 'modules/app.bicep' = if (deployApp) {
  name: 'app'
  params: {
    baseName: baseName
    location: location
    tags: allTags
    image: containerImage
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryServer: registry.outputs.loginServer
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: vault.outputs.uri
    languageEndpoint: language.outputs.endpoint
    scaleQueue: scaleQueue
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    queueLengthPerReplica: queueLengthPerReplica
    cpuCores: cpuCores
    memory: memory
    hostId: hostId
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
    telemetryConsole: telemetryConsole
  }
  dependsOn: [
    roles
  ]
}

output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output registryName string = registry.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output languageEndpoint string = language.outputs.endpoint
output identityClientId string = identity.outputs.clientId
output appUrl string = deployApp ? app.outputs.url : ''
