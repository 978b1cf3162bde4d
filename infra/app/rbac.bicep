// Role assignments, each on the narrowest scope that works. The app's identity gets exactly what the app and the
// Functions host use, on the containers, queues and tables they use, never the whole storage account; the deploying
// user (optional) gets Key Vault Secrets Officer, to read the webhook token after provisioning and to manage secrets.
param storageAccountName string
param applicationInsightsName string
param keyVaultName string
param identityPrincipalId string
param userPrincipalId string = ''

@description('Containers the identity reads and writes blobs in: the Functions host\'s (azure-webjobs-hosts, azure-webjobs-secrets) and the deployment package\'s.')
param blobContainerNames array

@description('The payloads container: intake writes blobs with a blob index tag, processing reads them and deletes them or sets their tag (Storage Blob Data Owner, for blobs/tags/write).')
param payloadsContainerName string

@description('Queues the identity sends to, receives from and deletes from: deliveries (intake sends, the queue trigger receives) and its poison queue (the host moves failing deliveries there; health counts them).')
param processedQueueNames array

@description('Queues the identity only sends to: events (processing publishes; consumers, not the app, read them).')
param publishedQueueNames array

@description('Tables the identity reads and writes entities in: jobs and deliveries.')
param tableNames array

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for name in blobContainerNames: {
  parent: storage::blobService
  name: name
}]

resource payloadsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: storage::blobService
  name: payloadsContainerName
}

resource processedQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = [for name in processedQueueNames: {
  parent: storage::queueService
  name: name
}]

resource publishedQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = [for name in publishedQueueNames: {
  parent: storage::queueService
  name: name
}]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = [for name in tableNames: {
  parent: storage::tableService
  name: name
}]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Blobs: read, write, delete and lease blobs, and create the container if it is missing (the host creates its own at
// start). Data Contributor, not Data Owner: Owner adds blob index tags (tags/read, tags/write, filter) and POSIX ACL
// and ownership management (Data Lake), which neither the host nor the deployment uses.
resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in blobContainerNames: {
  name: guid(containers[i].id, identityPrincipalId, roles.storageBlobDataContributor)
  scope: containers[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Payloads: intake writes each blob with the blob index tag renderhooks-state=received (Put Blob with x-ms-tags),
// processing reads it, then deletes it or sets the tag to archived (Set Blob Tags), so the lifecycle policy can tell
// orphans from archived bodies. Writing tags is the data action blobs/tags/write, which Data Contributor does not
// have and Data Owner (blobs/*) does; no narrower built-in role has it without more (Storage Actions Blob Data
// Operator adds runAsSuperUser). On this one container only.
resource payloadsDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(payloadsContainer.id, identityPrincipalId, roles.storageBlobDataOwner)
  scope: payloadsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource processedQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in processedQueueNames: {
  name: guid(processedQueues[i].id, identityPrincipalId, roles.storageQueueDataContributor)
  scope: processedQueues[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Publishing: add messages, nothing else (Storage Queue Data Message Sender, built in). The deployment creates the
// queue (storage.bicep) and the app does not try to (RenderHooks__Storage__CreateIfNotExists is false), so the
// identity needs no right to create it, and cannot read, delete or update the consumers' messages.
resource queueMessageSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in publishedQueueNames: {
  name: guid(publishedQueues[i].id, identityPrincipalId, roles.storageQueueDataMessageSender)
  scope: publishedQueues[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Tables: on each table. The deployment creates them (storage.bicep) and the app does not try to
// (RenderHooks__Storage__CreateIfNotExists is false), so no right on the table service is needed.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in tableNames: {
  name: guid(tables[i].id, identityPrincipalId, roles.storageTableDataContributor)
  scope: tables[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Entra ID ingestion into Application Insights (local auth is off there).
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Resolving the app's Key Vault references (keyVaultReferenceIdentity is this identity).
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: userPrincipalId
  }
}
