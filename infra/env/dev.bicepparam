// Development: smallest footprint (512 MB instances, few of them), the free Language tier, no report e-mail.
using '../main.bicep'

param environmentName = 'dev'
param namePrefix = 'custval'
param storageSku = 'Standard_LRS'
param languageSku = 'F0'
param logRetentionDays = 30
param instanceMemoryMB = 512
param maximumInstanceCount = 40
param operatorPrincipalId = readEnvironmentVariable('OPERATOR_PRINCIPAL_ID', '')
param customerBuckets = 16
param kpiSchedule = '0 0 2 * * *'
param sentimentProvider = 'AzureLanguage'
param emailTo = ''
