// The workspace transformation rule: at ingestion, Log Analytics masks the webhook token in every URL- and
// message-bearing column of the Application Insights tables, whatever sent it. Defence in depth: the app and the
// host already keep tokens out of what they send (README, "Security"); this catches what a later host version, an
// extension or a changed setting could bring back.
param name string
param location string
param tags object
param workspaceId string

// WebhookPathRedaction.Pattern (src/RenderHooks/Security/WebhookPathRedaction.cs), verbatim: the deployment tests
// fail when the two differ, and run both against the same samples with .NET and with RE2 (what KQL's replace_regex
// runs). It uses only syntax both engines read alike: no lookaround, no backreference, no named group, no inline
// option, characters as \xHH escapes. A multi-line string, so Bicep processes no escape in it.
var webhookPathPattern = '''((?:^|/)(?:[Hh]|%68)(?:[Oo]|%6[Ff]){2}(?:[Kk]|%6[Bb])(?:[Ss]|%73)/[^/?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]*/)[^?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]+'''

// KQL verbatim literals (@'…') process no escape either; \1 is the kept route, then the mask.
var maskTemplate = '''replace_regex(COLUMN, @'PATTERN', @'\1***')'''
var mask = replace(maskTemplate, 'PATTERN', webhookPathPattern)

// The columns that can hold a URL or a message, per table (Azure Monitor Logs table reference). Dynamic columns
// (properties, exception details) are masked as JSON text and parsed back; the pattern stops at a quote or a
// backslash, so the JSON stays valid.
var maskedColumns = [
  {
    table: 'AppRequests'
    text: ['Name', 'Url', 'OperationName']
    dynamic: ['Properties']
  }
  {
    table: 'AppDependencies'
    text: ['Name', 'Data', 'OperationName']
    dynamic: ['Properties']
  }
  {
    table: 'AppTraces'
    text: ['Message', 'OperationName']
    dynamic: ['Properties']
  }
  {
    table: 'AppExceptions'
    text: ['Message', 'OuterMessage', 'InnermostMessage', 'OperationName']
    dynamic: ['Details', 'Properties']
  }
]

// One assignment per column: `Url = replace_regex(Url, …)`, `Properties = parse_json(replace_regex(tostring(Properties), …))`.
var assignments = [for columns in maskedColumns: join(concat(
  map(columns.text, column => '${column} = ${replace(mask, 'COLUMN', column)}'),
  map(columns.dynamic, column => '${column} = parse_json(${replace(mask, 'COLUMN', 'tostring(${column})')})')
), ', ')]

var destinationName = 'workspace'

resource rule 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: name
  location: location
  tags: tags
  kind: 'WorkspaceTransforms'
  properties: {
    description: 'Masks RenderHooks webhook tokens (the path segment after /api/hooks/{provider}/) in Application Insights tables at ingestion.'
    dataSources: {}
    destinations: {
      logAnalytics: [
        {
          name: destinationName
          workspaceResourceId: workspaceId
        }
      ]
    }
    dataFlows: [for (columns, i) in maskedColumns: {
      streams: [
        'Microsoft-Table-${columns.table}'
      ]
      destinations: [
        destinationName
      ]
      transformKql: 'source | extend ${assignments[i]}'
    }]
  }
}

output id string = rule.id
