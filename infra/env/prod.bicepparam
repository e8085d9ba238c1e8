// Production: zone-redundant storage, paid Language tier, room to scale out with the metrics queue.
using '../main.bicep'

param environmentName = 'prod'
param namePrefix = 'custval'
param storageSku = 'Standard_ZRS'
param languageSku = 'S'
param logRetentionDays = 90
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param operatorPrincipalId = readEnvironmentVariable('OPERATOR_PRINCIPAL_ID', '')
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
