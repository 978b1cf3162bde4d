// The storage account of the host and the pipeline: shared-key access off (every caller uses Entra ID), the
// Functions host's containers, the deployment package container, the payloads container, and the contract's queues
// and tables. Everything the app's identity reaches is created here, so its roles can be scoped to these containers,
// queues and tables. The lifecycle management policy deletes payload blobs that no delivery references.
param name string
param location string
param tags object

@description('Blob containers: the deployment package\'s and the Functions host\'s own (keys, timer state, locks).')
param containerNames array
param queueNames array
param tableNames array

@description('The container of webhook bodies too large for a queue message (RenderHooks:Storage:PayloadsContainer): intake writes each under its delivery id, tagged renderhooks-state=received; processing reads it, then deletes it or tags it archived.')
param payloadsContainerName string

@minValue(1)
@description('Days after which a payload blob still tagged received (an orphan of a failed enqueue, or a delivery not processed for that long) is deleted.')
param payloadOrphanDays int

@minValue(0)
@description('Days after which a payload blob tagged archived (the archive row refers to it) is deleted; 0 keeps them as long as the archive keeps its rows.')
param payloadRetentionDays int

// The blob index tag the library writes on each payload blob, and its two values (RenderHooks.Storage, issue 17).
var payloadStateTag = 'renderhooks-state'

// A rule of the lifecycle policy: block blobs of the payloads container tagged with this state, deleted this many
// days after they were written. The prefix is the container name and a slash, so no other container's blob matches.
func payloadRule(ruleName string, container string, tag string, state string, days int) object => {
  name: ruleName
  enabled: true
  type: 'Lifecycle'
  definition: {
    filters: {
      blobTypes: [
        'blockBlob'
      ]
      prefixMatch: [
        '${container}/'
      ]
      blobIndexMatch: [
        {
          name: tag
          op: '=='
          value: state
        }
      ]
    }
    actions: {
      baseBlob: {
        delete: {
          daysAfterCreationGreaterThan: days
        }
      }
    }
  }
}

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

    resource payloads 'containers' = {
      name: payloadsContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  // Lifecycle management runs about once a day: a blob is deleted within a day or so after its rule's age is reached.
  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: concat(
          [
            payloadRule('payloadOrphans', payloadsContainerName, payloadStateTag, 'received', payloadOrphanDays)
          ],
          payloadRetentionDays > 0
            ? [
                payloadRule('archivedPayloads', payloadsContainerName, payloadStateTag, 'archived', payloadRetentionDays)
              ]
            : []
        )
      }
    }
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
