// The Log Analytics workspace. monitoring.bicep deploys this module twice: first without a default data collection
// rule (the rule needs the workspace to exist), then again, with the same properties, naming the token-masking rule
// as the workspace's transformation rule.
param name string
param location string
param tags object

@description('Resource id of the workspace transformation DCR; empty: none.')
param defaultDataCollectionRuleResourceId string = ''

// Without a rule the property is left out, not set to null: on a later `azd provision` the first deployment then
// does not clear the rule the second one set last time.
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: union(
    {
      sku: {
        name: 'PerGB2018'
      }
      retentionInDays: 30
    },
    empty(defaultDataCollectionRuleResourceId) ? {} : { defaultDataCollectionRuleResourceId: defaultDataCollectionRuleResourceId }
  )
}

output id string = workspace.id
output name string = workspace.name
