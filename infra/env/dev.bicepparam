// Development: smallest footprint, one replica most of the time, console telemetry off (Application Insights on).
using '../main.bicep'

param environmentName = 'dev'
param namePrefix = 'custval'
param deployApp = true
param containerImage = readEnvironmentVariable('CONTAINER_IMAGE', '')
param storageSku = 'Standard_LRS'
param languageSku = 'F0'
param logRetentionDays = 30
param minReplicas = 1
param maxReplicas = 3
param queueLengthPerReplica = 32
param cpuCores = '0.5'
param memory = '1Gi'
param customerBuckets = 16
param kpiSchedule = '0 0 2 * * *'
param sentimentProvider = 'AzureLanguage'
param emailTo = ''
