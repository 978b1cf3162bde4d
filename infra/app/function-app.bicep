// The Flex Consumption plan and the Function App (.NET 10 isolated worker). HTTPS only, TLS 1.2 or later, FTP and
// basic-auth publishing off; storage, Key Vault references and Application Insights all through the user-assigned
// identity. The host and the RenderHooks library read the same identity-based AzureWebJobsStorage settings.
param name string
param planName string
param location string
param tags object

@description('The service name in azure.yaml; azd deploys to the app carrying it in its azd-service-name tag.')
param serviceName string

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('The RenderHooks settings (secrets as Key Vault references).')
param appSettings object

param instanceMemoryMB int
param maximumInstanceCount int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// As the official azd template writes them: no connection string and no key, only where and as whom.
var platformSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The host's own request trace (SystemTraceMiddleware: "Executing HTTP request", URL and token included) is logged
  // through the host's web-host logger factory, which reads no host.json: these rules, as in
  // local.settings.sample.json, turn it off for the host's system log and for its startup buffer (docs/security.md, "Tokens in Azure").
  'Logging__Microsoft.Azure.WebJobs.Script.WebHost.Diagnostics.WebHostSystemLoggerProvider__LogLevel__Microsoft.Azure.WebJobs.Script.WebHost.Middleware.SystemTraceMiddleware': 'None'
  'Logging__LogLevel__Microsoft.Azure.WebJobs.Script.WebHost.Middleware.SystemTraceMiddleware': 'None'
}

var allSettings = union(appSettings, platformSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the default would be a system-assigned one).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // No ftpsState: Flex Consumption has no FTP endpoint, and ARM refuses Site.SiteConfig.FtpsState for Flex sites.
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        // Exactly '10.0': Flex Consumption accepts '10' too, but then the host never starts (Azure/Azure-Functions#2666).
        version: '10.0'
      }
    }
  }
}

// The settings as one child resource: a loop over them inside siteConfig would not compile (BCP178), because
// the storage endpoints and the Application Insights connection string are known only once the deployment runs.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: allSettings
}

// No publishing with user names and passwords: azd deploys with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
