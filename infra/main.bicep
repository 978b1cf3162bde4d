// RenderHooks on Azure Functions Flex Consumption, deployed by `azd up`.
// Keyless: the app reaches Storage, Key Vault and Application Insights with one user-assigned managed identity;
// storage account keys are off, and the webhook token and API keys live in Key Vault behind Key Vault references.
// Layout, names and outputs follow Azure-Samples/functions-quickstart-dotnet-azd (see infra/README.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. With the subscription and location it makes the unique token in every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource: the Flex Consumption regions of the official functions-quickstart-dotnet-azd-timer template, without its canary region eastus2euap, which customers cannot deploy to. Live list: az functionapp list-flexconsumption-locations.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID). It gets Key Vault Secrets Officer on the vault, so the postprovision hook can read the webhook token and the user can manage the secrets. Empty: no role for anyone but the app.')
param principalId string = ''

@secure()
@minLength(16)
@description('Webhook path token (RenderHooks:WebhookTokens:0), stored in Key Vault. RENDERHOOKS_WEBHOOK_TOKEN when set; otherwise azd generates 40 letters and digits once and keeps them in the azd environment, so later runs deploy the same token.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 40
      noSpecial: true
    }
  }
})
param webhookToken string

@secure()
@description('Second token, accepted together with the first while you rotate (RenderHooks:WebhookTokens:1): at least 16 URL-safe characters, like the first (infra/app/webhook-token-secret.bicep refuses a shorter one at deployment). Empty: the app setting and the secret are not created, and only the first token is accepted.')
param webhookTokenNext string = ''

@description('When reconciliation runs (RenderHooks:Reconcile:Schedule): NCRONTAB with six fields, seconds first. Flex Consumption runs timers in UTC.')
param reconcileSchedule string = '0 */5 * * * *'

@description('Root of PhantomFlow\'s status API (RenderHooks:PhantomFlow:BaseUrl). No default: PhantomFlow jobs are reconciled once it and the API key are set.')
param phantomFlowBaseUrl string = ''

@secure()
@description('PhantomFlow API key, stored in Key Vault. Empty: no secret and no app setting, so PhantomFlow reconciliation stays off.')
param phantomFlowApiKey string = ''

@description('Root of JSON2Video\'s status API (RenderHooks:Json2Video:BaseUrl).')
param json2VideoBaseUrl string = 'https://api.json2video.com'

@secure()
@description('JSON2Video API key, stored in Key Vault. Empty: no secret and no app setting, so JSON2Video reconciliation stays off.')
param json2VideoApiKey string = ''

@description('Addresses PhantomFlow webhooks may come from (RenderHooks:PhantomFlow:AllowedSourceRanges:0, :1, …): IPv4 or IPv6 CIDR ranges or single addresses, separated by commas. Empty: any source. Ask PhantomFlow for its worker servers\' ranges; the app refuses to start if one is not a range.')
param phantomFlowAllowedSourceRanges string = ''

@description('Addresses JSON2Video webhooks may come from (RenderHooks:Json2Video:AllowedSourceRanges:0, :1, …), as for PhantomFlow. Empty: any source.')
param json2VideoAllowedSourceRanges string = ''

@allowed([2048, 4096])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@minValue(1)
@description('Days after which a large webhook body\'s blob that no delivery took over (tagged renderhooks-state=received: the enqueue after its upload failed, or its delivery waited that long unprocessed) is deleted by the storage account\'s lifecycle management policy.')
param payloadOrphanDays int = 30

@minValue(0)
@description('Days after which an archived large body (tagged renderhooks-state=archived: the archive row refers to it) is deleted, leaving its row without a body. 0: kept as long as the archive keeps its rows (the tables have no retention).')
param payloadRetentionDays int = 0

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
// The service name of azure.yaml: azd finds the app by its azd-service-name tag.
var serviceName = 'api'
var functionAppName = '${abbrs.webSitesFunctions}${serviceName}-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
// Known before deployment (not a module output), so the app settings' Key Vault references are too.
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'

// The contract's settings that have a fixed value here (the same values as local.settings.sample.json).
var contractSettings = loadJsonContent('app-settings.json')

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// What the app's identity reaches in storage. The Functions host keeps its keys in azure-webjobs-secrets and its timer
// state and locks in azure-webjobs-hosts; Flex Consumption reads the app package from the deployment container.
var blobContainerNames = [
  deploymentContainerName
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]
// The queues of the contract: deliveries and its poison queue (the one the Functions host moves failing deliveries
// to) are read and written; events are only published to.
var processedQueueNames = [
  contractSettings.RenderHooks__Storage__DeliveriesQueue
  '${contractSettings.RenderHooks__Storage__DeliveriesQueue}-poison'
]
var publishedQueueNames = [
  contractSettings.RenderHooks__Storage__EventsQueue
]
// Webhook bodies too large for a queue message: intake writes them here, processing reads them.
var payloadsContainerName = contractSettings.RenderHooks__Storage__PayloadsContainer
var tableNames = [
  contractSettings.RenderHooks__Storage__JobsTable
  contractSettings.RenderHooks__Storage__DeliveriesTable
]

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    dataCollectionRuleName: '${abbrs.insightsDataCollectionRules}token-masking-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: blobContainerNames
    payloadsContainerName: payloadsContainerName
    payloadOrphanDays: payloadOrphanDays
    payloadRetentionDays: payloadRetentionDays
    queueNames: concat(processedQueueNames, publishedQueueNames)
    tableNames: tableNames
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    webhookToken: webhookToken
    webhookTokenNext: webhookTokenNext
    phantomFlowApiKey: phantomFlowApiKey
    json2VideoApiKey: json2VideoApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    blobContainerNames: blobContainerNames
    payloadsContainerName: payloadsContainerName
    processedQueueNames: processedQueueNames
    publishedQueueNames: publishedQueueNames
    tableNames: tableNames
  }
}

// Each provider's allowed webhook sources: one setting per range, numbered from 0, as the app binds a list.
var allowedSourceRanges = {
  PhantomFlow: filter(map(split(phantomFlowAllowedSourceRanges, ','), entry => trim(entry)), entry => !empty(entry))
  Json2Video: filter(map(split(json2VideoAllowedSourceRanges, ','), entry => trim(entry)), entry => !empty(entry))
}
var allowedSourceRangeSettings = reduce(
  items(allowedSourceRanges),
  {},
  (settings, provider) => union(settings, toObject(
    range(0, length(provider.value)),
    index => 'RenderHooks__${provider.key}__AllowedSourceRanges__${index}',
    index => provider.value[index]
  ))
)

// Every setting the app reads. Secrets are Key Vault references (resolved by the platform with the app's identity);
// a setting whose secret was not given is left out rather than pointing at a secret that does not exist.
var renderHooksSettings = union(
  contractSettings,
  {
    RenderHooks__WebhookTokens__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=webhook-token-0)'
    RenderHooks__Reconcile__Schedule: reconcileSchedule
    RenderHooks__Json2Video__BaseUrl: json2VideoBaseUrl
  },
  empty(webhookTokenNext) ? {} : { RenderHooks__WebhookTokens__1: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=webhook-token-1)' },
  empty(phantomFlowBaseUrl) ? {} : { RenderHooks__PhantomFlow__BaseUrl: phantomFlowBaseUrl },
  empty(phantomFlowApiKey) ? {} : { RenderHooks__PhantomFlow__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=phantomflow-api-key)' },
  empty(json2VideoApiKey) ? {} : { RenderHooks__Json2Video__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=json2video-api-key)' },
  allowedSourceRangeSettings
)

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appSettings: renderHooksSettings
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  // The vault and the identity's roles first, so the app can read its Key Vault references and storage when it starts.
  dependsOn: [
    keyVault
    rbac
  ]
}

// Outputs land in the azd environment (.azure/<env>/.env) and in the deployment history: nothing secret here.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output RENDERHOOKS_WEBHOOK_BASE_URL string = '${functionApp.outputs.uri}/api/hooks'
