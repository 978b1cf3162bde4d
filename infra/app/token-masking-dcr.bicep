// The workspace transformation rule: at ingestion, Log Analytics masks the webhook token in every URL- and
// message-bearing column of the Application Insights tables, whatever sent it. Defence in depth: the app and the
// host already keep tokens out of what they send (docs/security.md); this catches what a later host version, an
// extension or a changed setting could bring back.
param name string
param location string
param tags object
param workspaceId string

// The pieces of WebhookPathRedaction (src/RenderHooks/Security/WebhookPathRedaction.cs), verbatim: KeptPattern and
// SecretPattern, composed here as Pattern and FirstPathPattern are there. The deployment tests fail when they differ,
// and evaluate this rule's KQL on the library's samples with RE2 (KQL's regular-expression syntax) and with Rust's regex
// crate (a second engine of that family), comparing it with the library's result. Only syntax the engines and .NET read alike: no
// lookaround, no backreference, no named group, no inline option but (?s:.), characters as \xHH escapes. Multi-line
// strings, so Bicep processes no escape in them.
var keptPattern = '''(?:^|/)(?:[Hh]|%68)(?:[Oo]|%6[Ff]){2}(?:[Kk]|%6[Bb])(?:[Ss]|%73)/[^/?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]*/'''
var secretPattern = '''[^?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]+'''
var webhookPathPattern = '(${keptPattern})${secretPattern}'
var firstPathPattern = '^((?s:.)*?${keptPattern})${secretPattern}((?s:.)*)'

// How many webhook paths, less one, one value may hold and still read as the library would write it (nine here). A
// URL holds one, a log line or an exception message one or two, a properties bag a few. Past that, what follows the
// ninth masked path is cut, with this note in its place: the rule stays a bounded chain of documented functions, and
// nothing after an unmasked secret is ever kept.
var maskedPathsPerValue = 8
var cutNote = ' [cut by the RenderHooks token-masking rule: more webhook paths than it masks]'

// Only what Azure documents as supported in transformations ("Supported KQL features in Azure Monitor
// transformations"): let with user-defined functions of scalar arguments, iif, strcat, extract, matches regex,
// tostring, parse_json, extend. No regular-expression replace is on that list, so each function masks the first
// webhook path of its argument (extract's group 1, the mask, then the rest from group 2) and hands the rest to the
// next; KQL verbatim literals (@'…') process no escape. The bottom one masks one more path and cuts what follows if
// it holds another.
var maskFunctions = join(concat(
  [
    'let hasWebhookPath = (s:string) { s matches regex @\'${webhookPathPattern}\' };'
    'let beforeSecret = (s:string) { extract(@\'${firstPathPattern}\', 1, s) };'
    'let afterSecret = (s:string) { extract(@\'${firstPathPattern}\', 2, s) };'
    'let cutAfterSecret = (s:string) { iif(hasWebhookPath(afterSecret(s)), \'${cutNote}\', afterSecret(s)) };'
    'let maskWebhookPaths0 = (s:string) { iif(hasWebhookPath(s), strcat(beforeSecret(s), \'***\', cutAfterSecret(s)), s) };'
  ],
  map(range(1, maskedPathsPerValue), i => 'let maskWebhookPaths${i} = (s:string) { iif(hasWebhookPath(s), strcat(beforeSecret(s), \'***\', maskWebhookPaths${i - 1}(afterSecret(s))), s) };')
), '\n')
var maskFunction = 'maskWebhookPaths${maskedPathsPerValue}'

// The columns that can hold a URL or a message, per table (Azure Monitor Logs table reference). Dynamic columns
// (properties, exception details) are masked as JSON text and parsed back; a secret ends at a quote or a backslash,
// so the JSON stays valid.
var maskedColumns = [
  {
    table: 'AppRequests'
    text: ['Name', 'Url', 'OperationName']
    dynamic: ['Properties']
  }
  {
    table: 'AppDependencies'
    text: ['Name', 'Data', 'Target', 'OperationName']
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

// One assignment per column: `Url = maskWebhookPaths8(Url)`, `Properties = parse_json(maskWebhookPaths8(tostring(Properties)))`.
var assignments = [for columns in maskedColumns: join(concat(
  map(columns.text, column => '${column} = ${maskFunction}(${column})'),
  map(columns.dynamic, column => '${column} = parse_json(${maskFunction}(tostring(${column})))')
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
      transformKql: '${maskFunctions}\nsource\n| extend ${assignments[i]}'
    }]
  }
}

output id string = rule.id
