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
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource webhookToken0 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'webhook-token-0'
  properties: {
    value: webhookToken
    contentType: 'RenderHooks webhook path token'
  }
}

resource webhookToken1 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookTokenNext)) {
  parent: vault
  name: 'webhook-token-1'
  properties: {
    value: webhookTokenNext
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
