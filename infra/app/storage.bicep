// The storage account of the host and the pipeline: shared-key access off (every caller uses Entra ID), the
// Functions host's containers, the deployment package container, and the contract's queues and tables. Everything
// the app's identity reaches is created here, so its roles can be scoped to these containers, queues and tables.
param name string
param location string
param tags object

@description('Blob containers: the deployment package\'s and the Functions host\'s own (keys, timer state, locks).')
param containerNames array
param queueNames array
param tableNames array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    // Public endpoint on, Entra ID required: Flex Consumption without virtual network integration reaches storage
    // over it (see infra/README.md, "Not included").
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource containers 'containers' = [for containerName in containerNames: {
      name: containerName
      properties: {
        publicAccess: 'None'
      }
    }]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [for queueName in queueNames: {
      name: queueName
    }]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [for tableName in tableNames: {
      name: tableName
    }]
  }
}

output name string = storage.name
