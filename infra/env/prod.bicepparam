// Production: zone-redundant storage, paid Language tier, room to scale out with the metrics queue.
using '../main.bicep'

param environmentName = 'prod'
param namePrefix = 'custval'
param deployApp = true
param containerImage = readEnvironmentVariable('CONTAINER_IMAGE', '')
param storageSku = 'Standard_ZRS'
param languageSku = 'S'
param logRetentionDays = 90
param minReplicas = 1
param maxReplicas = 10
param queueLengthPerReplica = 32
param cpuCores = '1.0'
param memory = '2Gi'
param customerBuckets = 64
param kpiSchedule = '0 0 2 * * *'
param sentimentProvider = 'AzureLanguage'
param emailSchedule = '0 0 7 * * 1'
param emailTo = readEnvironmentVariable('REPORT_EMAIL_TO', '')
param emailFrom = readEnvironmentVariable('REPORT_EMAIL_FROM', '')
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpPort = 587
param smtpUseTls = 'StartTls'
param smtpUser = readEnvironmentVariable('SMTP_USER', '')
