// One webhook token as a Key Vault secret. The parameter's minimum length is the library's
// (WebhookTokenOptions.MinimumTokenLength), so ARM refuses a shorter token before anything is written.
param vaultName string
param secretName string
param contentType string

@secure()
@minLength(16)
param token string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: token
    contentType: contentType
  }
}
