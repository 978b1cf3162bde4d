// Key Vault in RBAC mode holding the webhook tokens and the providers' API keys. A secret is created only when its
// value is given: an empty API key leaves that provider's reconciliation off instead of storing an empty secret.
// The values arrive as secure parameters, so they are kept out of the deployment history; nothing here outputs them.
param name string
param location string
param tags object

@secure()
param webhookToken string

@secure()
param webhookTokenNext string = ''

@secure()
param phantomFlowApiKey string = ''

@secure()
param json2VideoApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    accessPolicies: []
    // As the Azure Verified Modules key-vault module sets them by default: a deleted vault or secret stays
    // recoverable for 90 days, and purge protection stops anyone (a leaked deployment identity included) from
    // destroying it before then. Purge protection cannot be turned off again, and the vault's name stays taken
    // for those 90 days after `azd down` (see infra/README.md).
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Public endpoint on, Entra ID (RBAC) required: Flex Consumption without virtual network integration resolves
    // the Key Vault references over it.
    publicNetworkAccess: 'Enabled'
  }
}

// Both webhook tokens go through the same module, whose parameter carries the library's minimum length: a token
// shorter than that fails the deployment instead of the app's start. The rotation token's module is deployed only
// when one is given, so an empty value still means "no rotation".
module webhookToken0 'webhook-token-secret.bicep' = {
  name: 'webhook-token-0'
  params: {
    vaultName: vault.name
    secretName: 'webhook-token-0'
    token: webhookToken
    contentType: 'RenderHooks webhook path token'
  }
}

module webhookToken1 'webhook-token-secret.bicep' = if (!empty(webhookTokenNext)) {
  name: 'webhook-token-1'
  params: {
    vaultName: vault.name
    secretName: 'webhook-token-1'
    token: webhookTokenNext
    contentType: 'RenderHooks webhook path token (rotation)'
  }
}

resource phantomFlowKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(phantomFlowApiKey)) {
  parent: vault
  name: 'phantomflow-api-key'
  properties: {
    value: phantomFlowApiKey
    contentType: 'PhantomFlow status API key'
  }
}

resource json2VideoKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(json2VideoApiKey)) {
  parent: vault
  name: 'json2video-api-key'
  properties: {
    value: json2VideoApiKey
    contentType: 'JSON2Video status API key'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
