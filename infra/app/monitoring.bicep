// Log Analytics, a workspace-based Application Insights that accepts Entra ID (managed identity) ingestion only, and
// the workspace transformation rule that masks webhook tokens at ingestion (token-masking-dcr.bicep).
param logAnalyticsName string
param applicationInsightsName string
param dataCollectionRuleName string
param location string
param tags object

module logAnalytics 'log-analytics.bicep' = {
  name: 'log-analytics'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.outputs.id
    IngestionMode: 'LogAnalytics'
    // No instrumentation-key ingestion: the host and the worker authenticate with the app's identity
    // (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), which holds Monitoring Metrics Publisher on this component.
    DisableLocalAuth: true
  }
}

module tokenMasking 'token-masking-dcr.bicep' = {
  name: 'token-masking-dcr'
  params: {
    name: dataCollectionRuleName
    location: location
    tags: tags
    workspaceId: logAnalytics.outputs.id
  }
}

// The same workspace again, now with the rule as its default (workspace transformation) DCR.
module logAnalyticsWithTokenMasking 'log-analytics.bicep' = {
  name: 'log-analytics-token-masking'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    defaultDataCollectionRuleResourceId: tokenMasking.outputs.id
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsName string = logAnalyticsWithTokenMasking.outputs.name
output dataCollectionRuleId string = tokenMasking.outputs.id
