using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RenderHooks.Security;
using RenderHooks.Tests.Security;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// The workspace transformation rule, as compiled: the Log Analytics workspace's default DCR, masking every URL- and
/// message-bearing column of the four Application Insights tables with the library's patterns, through functions Azure
/// documents for transformations only; its KQL, evaluated with RE2 and with Rust's regex crate (the engines behind
/// KQL's regular expressions), masks the samples as the library does.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class TokenMaskingRuleTests(CompiledInfra infra)
{
    private const string RuleType = "Microsoft.Insights/dataCollectionRules";

    // The function every column goes through: it masks up to nine webhook paths (token-masking-dcr.bicep).
    private const string MaskFunction = "maskWebhookPaths8";

    // The scalar functions "Supported KQL features in Azure Monitor transformations" lists (MicrosoftDocs
    // azure-monitor-docs, data-collection/data-collection-transformations-kql.md): those of its conversion,
    // conditional, dynamic and string groups. replace_regex, replace and replace_string are not on it.
    private static readonly HashSet<string> DocumentedFunctions = new(StringComparer.Ordinal)
    {
        "tobool", "todatetime", "todouble", "toreal", "toguid", "toint", "tolong", "tostring", "totimespan",
        "case", "iif", "max_of", "min_of",
        "array_concat", "array_length", "pack_array", "pack", "parse_json", "parse_xml", "zip",
        "base64_encodestring", "base64_decodestring", "countof", "extract", "extract_all", "indexof", "isempty",
        "isnotempty", "split", "strcat", "strcat_delim", "strlen", "substring", "tolower", "toupper", "hash_sha256",
    };

    // The columns that can hold a URL or a message (Azure Monitor Logs table reference: AppRequests, AppDependencies,
    // AppTraces, AppExceptions); the dynamic ones are masked as JSON text.
    private static readonly Dictionary<string, (string[] Text, string[] Dynamic)> MaskedColumns = new(StringComparer.Ordinal)
    {
        ["AppRequests"] = (["Name", "Url", "OperationName"], ["Properties"]),
        ["AppDependencies"] = (["Name", "Data", "Target", "OperationName"], ["Properties"]),
        ["AppTraces"] = (["Message", "OperationName"], ["Properties"]),
        ["AppExceptions"] = (["Message", "OuterMessage", "InnermostMessage", "OperationName"], ["Details", "Properties"]),
    };

    [Fact]
    public void TheRule_IsAWorkspaceTransformation_WritingToTheWorkspace()
    {
        var rule = infra.Full.Single(RuleType);
        var workspaceId = infra.Full.OfType("Microsoft.OperationalInsights/workspaces").Select(w => (string)w["id"]!).Distinct().Single();
        var properties = rule["properties"]!;

        Assert.Equal("WorkspaceTransforms", (string?)rule["kind"]);
        Assert.Equal("2023-03-11", (string?)rule["apiVersion"]);
        Assert.Equal(CompiledInfra.FullParameters["location"], (string?)rule["location"]);
        Assert.Empty(properties["dataSources"]!.AsObject());
        var destination = Assert.Single(properties["destinations"]!["logAnalytics"]!.AsArray())!;
        Assert.Equal(workspaceId, (string?)destination["workspaceResourceId"]);
        Assert.All(properties["dataFlows"]!.AsArray(), flow => Assert.Equal([(string?)destination["name"]], flow!["destinations"]!.AsArray().Select(d => (string?)d)));
    }

    [Fact]
    public void TheWorkspace_TakesTheRuleAsItsDefaultDcr_OnceTheRuleExists()
    {
        var ruleId = infra.Full.IdOf(RuleType);
        var workspaces = infra.Full.OfType("Microsoft.OperationalInsights/workspaces").ToList();

        // Deployed twice with the same properties: first without the rule (which needs the workspace), then with it.
        Assert.Equal(2, workspaces.Count);
        Assert.Equal([null, ruleId], workspaces.Select(w => (string?)w["properties"]!["defaultDataCollectionRuleResourceId"]));
        var first = workspaces[0]["properties"]!.AsObject().Where(p => p.Key != "defaultDataCollectionRuleResourceId").Select(p => p.Key + "=" + p.Value?.ToJsonString());
        var second = workspaces[1]["properties"]!.AsObject().Where(p => p.Key != "defaultDataCollectionRuleResourceId").Select(p => p.Key + "=" + p.Value?.ToJsonString());
        Assert.Equal(first, second);

        var dependsOn = infra.ModuleDeployment("log-analytics-token-masking")["dependsOn"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.Contains(dependsOn, d => d.Contains("'token-masking-dcr'", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryUrlAndMessageColumn_OfTheFourTables_IsMaskedByTheRulesFunction()
    {
        var flows = DataFlows();
        var functions = Functions(flows["AppRequests"]);

        Assert.Equal(MaskedColumns.Keys.Order(), flows.Keys.Order());
        foreach (var (table, (text, dynamic)) in MaskedColumns)
        {
            var expected = text.Select(c => $"{c} = {MaskFunction}({c})")
                .Concat(dynamic.Select(c => $"{c} = parse_json({MaskFunction}(tostring({c})))"));
            Assert.Equal($"{functions}\nsource\n| extend {string.Join(", ", expected)}", flows[table]);
        }
    }

    [Fact]
    public void TheRulesFunctions_UseTheLibrarysPatterns_Verbatim()
    {
        var functions = Functions(DataFlows()["AppRequests"]).Split('\n');

        Assert.Contains($"let hasWebhookPath = (s:string) {{ s matches regex @'{WebhookPathRedaction.Pattern}' }};", functions);
        Assert.Contains($"let beforeSecret = (s:string) {{ extract(@'{WebhookPathRedaction.FirstPathPattern}', 1, s) }};", functions);
        Assert.Contains($"let afterSecret = (s:string) {{ extract(@'{WebhookPathRedaction.FirstPathPattern}', 2, s) }};", functions);
        Assert.All(functions, f => Assert.StartsWith("let ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void TheRule_UsesOnlyWhatAzureDocumentsForTransformations()
    {
        // Every name called, minus the rule's own functions, is on the page's list of scalar functions; the only
        // operators are extend (tabular) and matches regex (scalar), both on the list.
        // The string literals (the patterns hold parentheses and bars of their own) left out.
        var kql = Literal().Replace(DataFlows()["AppExceptions"], "''");
        var own = LetName().Matches(kql).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var called = Call().Matches(kql).Select(m => m.Groups["name"].Value).Where(n => !own.Contains(n)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(own);
        Assert.Subset(DocumentedFunctions, called);
        Assert.Equal(["extend"], Pipe().Matches(kql).Select(m => m.Groups["name"].Value).Distinct());
        Assert.DoesNotContain("replace", kql, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RegexEngines.All), MemberType = typeof(RegexEngines))]
    public async Task TheRulesKql_MasksEveryColumn_AsTheLibraryDoes(string engine)
    {
        // The compiled KQL of each table, evaluated (kql.js) with its regular expressions run by the engine, on rows
        // holding each sample in every masked column; a dynamic column holds the sample inside JSON text.
        var samples = WebhookPathSamples.Masked.Select(s => s.Text).Concat(WebhookPathSamples.Unchanged).ToList();
        foreach (var (table, kql) in DataFlows())
        {
            var (text, dynamic) = MaskedColumns[table];
            var rows = samples.Select(sample => (IReadOnlyDictionary<string, string>)
                text.Select(c => KeyValuePair.Create(c, sample))
                    .Concat(dynamic.Select(c => KeyValuePair.Create(c, JsonSerializer.Serialize(new { url = sample, n = 1 }))))
                    .ToDictionary()).ToList();

            var masked = await RegexEngines.TransformAsync(engine, kql, rows);

            Assert.Equal(rows.Count, masked.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                foreach (var (column, value) in rows[i])
                {
                    Assert.True(WebhookPathRedaction.Redact(value) == masked[i][column], $"{engine}, {table}.{column}: {value} became {masked[i][column]}, the library writes {WebhookPathRedaction.Redact(value)}.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RegexEngines.All), MemberType = typeof(RegexEngines))]
    public async Task AValueWithMorePathsThanTheRuleMasks_KeepsNoToken(string engine)
    {
        // Nine paths read as the library writes them; from the tenth on, the value is cut after the ninth mask.
        var kql = DataFlows()["AppTraces"];
        var nine = string.Join(" ", Enumerable.Range(0, 9).Select(i => $"/api/hooks/phantomflow/token-{i}-{WebhookPathSamples.Token}"));
        var twelve = string.Join(" ", Enumerable.Range(0, 12).Select(i => $"/api/hooks/json2video/token-{i}-{WebhookPathSamples.Token}"));
        IReadOnlyDictionary<string, string> Row(string message) => new Dictionary<string, string>
        {
            ["Message"] = message, ["OperationName"] = "", ["Properties"] = "{}",
        };

        var masked = await RegexEngines.TransformAsync(engine, kql, [Row(nine), Row(twelve)]);

        Assert.Equal(WebhookPathRedaction.Redact(nine), masked[0]["Message"]);
        var cut = masked[1]["Message"];
        Assert.DoesNotContain(WebhookPathSamples.Token, cut, StringComparison.Ordinal);
        Assert.Equal(string.Join(" ", Enumerable.Repeat("/api/hooks/json2video/***", 9)) + " [cut by the RenderHooks token-masking rule: more webhook paths than it masks]", cut);
    }

    [Fact]
    public void TheRule_IsNamedAndTaggedLikeTheRest()
    {
        var rule = infra.Full.Single(RuleType);

        Assert.StartsWith("dcr-token-masking-", (string?)rule["name"], StringComparison.Ordinal);
        Assert.Equal(CompiledInfra.FullParameters["environmentName"], (string?)rule["tags"]!["azd-env-name"]);
        Assert.Equal(infra.Minimal.IdOf(RuleType), infra.Minimal.OfType("Microsoft.OperationalInsights/workspaces").Last()["properties"]!["defaultDataCollectionRuleResourceId"]!.GetValue<string>());
    }

    private Dictionary<string, string> DataFlows() =>
        infra.Full.Single(RuleType)["properties"]!["dataFlows"]!.AsArray().ToDictionary(
            flow => ((string)Assert.Single(flow!["streams"]!.AsArray())!).Replace("Microsoft-Table-", "", StringComparison.Ordinal),
            flow => (string)flow!["transformKql"]!,
            StringComparer.Ordinal);

    // The let statements before "source".
    private static string Functions(string kql) => kql[..kql.IndexOf("\nsource\n", StringComparison.Ordinal)];

    [GeneratedRegex(@"^let (?<name>\w+) =", RegexOptions.Multiline)]
    private static partial Regex LetName();

    [GeneratedRegex(@"@?'[^']*'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b(?<name>[A-Za-z_]\w*)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"\|\s*(?<name>[\w-]+)")]
    private static partial Regex Pipe();
}
