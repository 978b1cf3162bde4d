using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RenderHooks.Security;
using RenderHooks.Tests.Security;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// The workspace transformation rule, as compiled: the Log Analytics workspace's default DCR, masking every URL- and
/// message-bearing column of the four Application Insights tables with the library's pattern, which RE2 (the engine
/// of KQL's replace_regex) applies to the samples as .NET does.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class TokenMaskingRuleTests(CompiledInfra infra)
{
    private const string RuleType = "Microsoft.Insights/dataCollectionRules";

    // The columns that can hold a URL or a message (Azure Monitor Logs table reference: AppRequests, AppDependencies,
    // AppTraces, AppExceptions); the dynamic ones are masked as JSON text.
    private static readonly Dictionary<string, (string[] Text, string[] Dynamic)> MaskedColumns = new(StringComparer.Ordinal)
    {
        ["AppRequests"] = (["Name", "Url", "OperationName"], ["Properties"]),
        ["AppDependencies"] = (["Name", "Data", "OperationName"], ["Properties"]),
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
    public void EveryUrlAndMessageColumn_OfTheFourTables_IsMaskedWithTheLibrarysPattern()
    {
        var flows = DataFlows();

        Assert.Equal(MaskedColumns.Keys.Order(), flows.Keys.Order());
        foreach (var (table, (text, dynamic)) in MaskedColumns)
        {
            var expected = text.Select(c => $"{c} = {Mask(c)}")
                .Concat(dynamic.Select(c => $"{c} = parse_json({Mask($"tostring({c})")})"));
            Assert.Equal("source | extend " + string.Join(", ", expected), flows[table]);
        }

        static string Mask(string column) => $"replace_regex({column}, @'{WebhookPathRedaction.Pattern}', @'\\1***')";
    }

    [Fact]
    public async Task TheKqlsRegex_AppliedByRe2_MasksTheSamplesAsTheLibraryDoes()
    {
        // The regular expression and rewrite as KQL receives them (@'…' literals), applied by RE2; KQL's \1 is $1 there.
        var kql = DataFlows()["AppRequests"];
        var call = KqlReplace().Match(kql);
        Assert.True(call.Success, kql);
        var pattern = call.Groups["pattern"].Value;
        var rewrite = call.Groups["rewrite"].Value.Replace(@"\1", "$1", StringComparison.Ordinal);
        var samples = WebhookPathSamples.Masked.Concat(WebhookPathSamples.Unchanged.Select(t => (Text: t, Masked: t))).ToList();

        var masked = await Re2.ReplaceAsync(pattern, rewrite, samples.Select(s => s.Text).ToList());

        Assert.Equal(samples.Select(s => s.Masked), masked);
        Assert.Equal(samples.Select(s => s.Masked), samples.Select(s => WebhookPathRedaction.Redact(s.Text)));
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

    [GeneratedRegex(@"replace_regex\(Name, @'(?<pattern>[^']*)', @'(?<rewrite>[^']*)'\)")]
    private static partial Regex KqlReplace();
}
