// The host: one container (WebJobs triggers + HTTP endpoints) in a Container Apps environment. It scales out with
// the length of the metrics queue (KEDA azure-queue rule) and never below one replica, so the timers always fire;
// with several replicas each timer occurrence still runs once (singleton lock = blob lease in the storage account).
param baseName string
param location string
param tags object
param image string
param identityId string
param identityClientId string
param registryServer string
param logAnalyticsWorkspaceName string
param appInsightsConnectionString string
param keyVaultUri string
param languageEndpoint string
param scaleQueue string
param minReplicas int
param maxReplicas int
param queueLengthPerReplica int
param cpuCores string
param memory string

param hostId string
param customerBuckets int
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
param telemetryConsole bool

var port = 8080
var emailOn = !empty(emailTo)

// Container Apps secrets, each a Key Vault reference read with the app's identity. The SMTP password is only
// needed (and only has to exist in the vault) when the report e-mail is on.
var vaultSecrets = concat([
  {
    name: 'storage-connection'
    keyVaultUrl: '${keyVaultUri}secrets/storage-connection'
    identity: identityId
  }
  {
    name: 'api-read-keys'
    keyVaultUrl: '${keyVaultUri}secrets/api-read-keys'
    identity: identityId
  }
  {
    name: 'api-admin-keys'
    keyVaultUrl: '${keyVaultUri}secrets/api-admin-keys'
    identity: identityId
  }
], emailOn ? [
  {
    name: 'smtp-password'
    keyVaultUrl: '${keyVaultUri}secrets/smtp-password'
    identity: identityId
  }
] : [])

// The host's settings as environment variables ("__" stands for ":"). A test checks that every key of
// local.settings.sample.json is here (or deliberately left out) and that nothing here is unknown to the code.
var appSettings = [
  {
    name: 'AzureWebJobsStorage'
    secretRef: 'storage-connection'
  }
  {
    name: 'Host__Id'
    value: hostId
  }
  {
    name: 'Host__Urls'
    value: 'http://0.0.0.0:${port}'
  }
  // Pipeline tuning: the same defaults as local.settings.sample.json.
  {
    name: 'Ingestion__Limits__MaxFileBytes'
    value: '268435456'
  }
  {
    name: 'Ingestion__Limits__MaxUncompressedBytes'
    value: '536870912'
  }
  {
    name: 'Ingestion__Limits__MaxRowChars'
    value: '256000'
  }
  {
    name: 'Ingestion__Limits__MaxCellChars'
    value: '32000'
  }
  {
    name: 'Value__HorizonWeeks'
    value: '52'
  }
  {
    name: 'Value__AnnualDiscountRate'
    value: '0.10'
  }
  {
    name: 'Value__Margin'
    value: '1.0'
  }
  {
    name: 'Value__NonContractChurn'
    value: 'Model'
  }
  {
    name: 'Value__ChurnedBelowProbabilityAlive'
    value: '0.5'
  }
  {
    name: 'Value__InactivityDays'
    value: '180'
  }
  {
    name: 'Storage__MaxRetries'
    value: '6'
  }
  {
    name: 'Storage__RetryDelay'
    value: '00:00:00.200'
  }
  {
    name: 'Storage__MaxRetryDelay'
    value: '00:00:10'
  }
  {
    name: 'Storage__NetworkTimeout'
    value: '00:01:00'
  }
  {
    name: 'Reports__LatestSnapshotSeconds'
    value: '5'
  }
  {
    name: 'Pipeline__CustomerBuckets'
    value: string(customerBuckets)
  }
  {
    name: 'Snapshots__KpiSchedule'
    value: kpiSchedule
  }
  {
    name: 'Snapshots__ActiveWindowDays'
    value: string(activeWindowDays)
  }
  {
    name: 'Reconciliation__Schedule'
    value: reconciliationSchedule
  }
  {
    name: 'Reconciliation__MinAge'
    value: reconciliationMinAge
  }
  {
    name: 'Reconciliation__StallAfter'
    value: reconciliationStallAfter
  }
  {
    name: 'Functions__UploadBlobFunction__Disabled'
    value: string(uploadTriggerDisabled)
  }
  {
    name: 'Sentiment__Provider'
    value: sentimentProvider
  }
  {
    name: 'Sentiment__AzureLanguage__Endpoint'
    value: languageEndpoint
  }
  {
    name: 'Api__ReadKeys'
    secretRef: 'api-read-keys'
  }
  {
    name: 'Api__AdminKeys'
    secretRef: 'api-admin-keys'
  }
  {
    name: 'Email__Schedule'
    value: emailSchedule
  }
  {
    name: 'Email__To'
    value: emailTo
  }
  {
    name: 'Email__From'
    value: emailFrom
  }
  {
    name: 'Email__Smtp__Host'
    value: smtpHost
  }
  {
    name: 'Email__Smtp__Port'
    value: string(smtpPort)
  }
  {
    name: 'Email__Smtp__UseTls'
    value: smtpUseTls
  }
  {
    name: 'Email__Smtp__User'
    value: smtpUser
  }
  {
    name: 'Telemetry__Console'
    value: string(telemetryConsole)
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
]

var smtpPasswordSetting = emailOn ? [
  {
    name: 'Email__Smtp__Password'
    secretRef: 'smtp-password'
  }
] : []

// Empty values are left out rather than set to "": an unset setting keeps the code's default.
var environmentVariables = concat(filter(appSettings, s => contains(s, 'secretRef') || !empty(s.?value ?? '')), smtpPasswordSetting)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource containerEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${baseName}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-${baseName}'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: containerEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: vaultSecrets
    }
    template: {
      containers: [
        {
          name: 'host'
          image: image
          resources: {
            cpu: json(cpuCores)
            memory: memory
          }
          env: environmentVariables
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/api/health'
                port: port
              }
              initialDelaySeconds: 10
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/api/health'
                port: port
              }
              initialDelaySeconds: 5
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'metrics-queue-length'
            azureQueue: {
              queueName: scaleQueue
              queueLength: queueLengthPerReplica
              auth: [
                {
                  secretRef: 'storage-connection'
                  triggerParameter: 'connection'
                }
              ]
            }
          }
        ]
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output name string = app.name
