// The parameters azd uses (`azd up`, `azd provision`): the azd environment's name and region, and the signed-in
// user as the operator (azd sets AZURE_PRINCIPAL_ID). Name the azd environment dev, test or prod
// (`azd env new dev`). Other values: `azd env set NAME value` for the variables read below.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param languageSku = readEnvironmentVariable('LANGUAGE_SKU', 'F0')
param sentimentProvider = readEnvironmentVariable('SENTIMENT_PROVIDER', 'AzureLanguage')
param emailTo = readEnvironmentVariable('REPORT_EMAIL_TO', '')
param emailFrom = readEnvironmentVariable('REPORT_EMAIL_FROM', '')
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpUser = readEnvironmentVariable('SMTP_USER', '')
