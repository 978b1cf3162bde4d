using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Reconciliation;

namespace RenderHooks.Tests.Deployment;

/// <summary>azure.yaml, the compiled main.bicep and main.parameters.json agree with each other, with the project and with the library.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class AzdFilesTests(CompiledInfra infra)
{
    private JsonObject Parameters => infra.Template["parameters"]!.AsObject();

    [Fact]
    public void EveryParameterWithoutDefault_IsInTheParametersFile_AndEveryEntryIsAParameter()
    {
        var mapped = InfraFiles.ParameterFileValues();

        Assert.NotEmpty(Parameters);
        var unmapped = Parameters.Where(p => p.Value!["defaultValue"] is null && !mapped.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        Assert.True(unmapped.Count == 0, $"main.bicep parameters without a default that main.parameters.json does not give: {string.Join(", ", unmapped)}");
        var unknown = mapped.Keys.Where(k => !Parameters.ContainsKey(k)).ToList();
        Assert.True(unknown.Count == 0, $"main.parameters.json entries main.bicep does not declare: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ParametersWithADefault_KeepItWhenTheirVariableIsUnset()
    {
        // azd passes an empty ${VAR} as "" over a non-empty Bicep default, so such a mapping needs ${VAR=default}; for an
        // int parameter azd converts the substituted text to a number, and "" is not one.
        var checkedInts = 0;
        foreach (var (name, value) in InfraFiles.ParameterFileValues())
        {
            var declaration = Parameters[name]!;
            string? expected = ((string?)declaration["type"], declaration["defaultValue"]) switch
            {
                ("string", JsonValue d) when d.GetValue<string>().Length > 0 => d.GetValue<string>(),
                ("int", JsonValue d) => d.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (expected is null)
            {
                continue;
            }

            var substitution = Substitution().Match(value);
            Assert.True(substitution.Success && substitution.Groups["default"].Success, $"{name} maps to {value}: give it the Bicep default, ${{VAR=…}}.");
            Assert.Equal(expected, substitution.Groups["default"].Value);
            checkedInts += (string?)declaration["type"] == "int" ? 1 : 0;
        }

        Assert.Equal(2, checkedInts); // payloadOrphanDays, payloadRetentionDays
    }

    [Fact]
    public void Defaults_AreTheLibrarys()
    {
        string Default(string name) => (string)Parameters[name]!["defaultValue"]!;

        Assert.Equal(new ReconcileOptions().Schedule, Default("reconcileSchedule"));
        Assert.True(ReconcileSchedule.TryParse(Default("reconcileSchedule"), out _));
        Assert.Equal(Json2VideoStatusOptions.DefaultBaseUrl, new Uri(Default("json2VideoBaseUrl")));
        Assert.Equal("", Default("phantomFlowBaseUrl")); // no default in the library either: PhantomFlow reconciliation is opt-in
        Assert.Equal("", Default("phantomFlowAllowedSourceRanges")); // empty: any source, as in the library
        Assert.Equal("", Default("json2VideoAllowedSourceRanges"));
    }

    [Fact]
    public void Regions_AreFlexConsumptionRegions_WithoutCanaries()
    {
        var allowed = Parameters["location"]!["allowedValues"]!.AsArray().Select(v => (string)v!).ToList();

        Assert.Contains("eastus", allowed);
        Assert.Contains(CompiledInfra.FullParameters["location"], allowed);
        Assert.DoesNotContain(allowed, r => r.EndsWith("euap", StringComparison.Ordinal)); // early-access canaries: customers cannot deploy there
        Assert.Equal(allowed.Distinct().Count(), allowed.Count);
        Assert.Equal("location", (string?)Parameters["location"]!["metadata"]!["azd"]!["type"]);
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProject_ToTheAppTaggedWithItsServiceName()
    {
        var lines = InfraFiles.Read("azure.yaml").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var services = lines.IndexOf("services:");
        Assert.True(services >= 0, "azure.yaml has no services.");
        var serviceName = Regex.Match(lines[services + 1], @"^  (?<name>[a-z0-9-]+):$").Groups["name"].Value;
        var properties = lines.Skip(services + 2).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());

        Assert.Equal("function", properties["host"]);
        Assert.Equal("dotnet", properties["language"]);
        var project = InfraFiles.Path(properties["project"]);
        Assert.True(File.Exists(Path.Combine(project, "RenderHooks.Functions.csproj")), $"{properties["project"]} does not hold the Functions project.");

        Assert.NotEqual("", serviceName);
        Assert.Equal(serviceName, (string?)infra.Full.Single("Microsoft.Web/sites")["tags"]!["azd-service-name"]);
    }

    [Fact]
    public void AzureYaml_HookScriptsExist()
    {
        var runs = Regex.Matches(InfraFiles.Read("azure.yaml"), @"run: (?<path>\S+)").Select(m => m.Groups["path"].Value).ToList();

        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.True(File.Exists(InfraFiles.Path(run)), $"{run} is missing."));
    }

    [Fact]
    public void TheHooks_ReadOnlyOutputsTheDeploymentHas()
    {
        var outputs = infra.Full.Outputs.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        // Besides the outputs: the rotation token (an azd environment value) and CI markers.
        string[] notOutputs = ["RENDERHOOKS_WEBHOOK_TOKEN_NEXT", "CI", "TF_BUILD", "GITHUB_ACTIONS"];

        foreach (var hook in new[] { "infra/hooks/postprovision.sh", "infra/hooks/postprovision.ps1" })
        {
            var read = EnvironmentReads().Matches(InfraFiles.Read(hook)).Select(m => m.Groups["name"].Value).Distinct().ToList();
            Assert.Contains("RENDERHOOKS_WEBHOOK_BASE_URL", read);
            Assert.All(read.Except(notOutputs), name => Assert.True(outputs.Contains(name), $"{hook} reads {name}, which main.bicep does not output."));
        }

        var siteId = infra.Full.IdOf("Microsoft.Web/sites");
        Assert.Equal($"https://{ArmExpression.Runtime(siteId, "defaultHostName")}/api/hooks", (string?)infra.Full.Outputs["RENDERHOOKS_WEBHOOK_BASE_URL"]);
        Assert.Equal((string?)infra.Full.Single("Microsoft.KeyVault/vaults")["name"], (string?)infra.Full.Outputs["AZURE_KEY_VAULT_NAME"]);
        Assert.Equal(ArmExpression.Runtime(infra.Full.IdOf("Microsoft.KeyVault/vaults"), "vaultUri"), (string?)infra.Full.Outputs["AZURE_KEY_VAULT_ENDPOINT"]);
        Assert.Equal((string?)infra.Full.Single("Microsoft.Web/sites")["name"], (string?)infra.Full.Outputs["SERVICE_API_NAME"]);
    }

    [Fact]
    public void TheRuntimeVersion_IsTheTargetFramework()
    {
        var runtime = infra.Full.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;
        var targetFramework = Regex.Match(InfraFiles.Read("Directory.Build.props"), "<TargetFramework>net(?<version>[0-9.]+)</TargetFramework>").Groups["version"].Value;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal(targetFramework, (string?)runtime["version"]);
        Assert.Matches(@"^\d+\.\d+$", (string?)runtime["version"]); // '10.0', not '10': Flex Consumption takes '10' and the host never starts
    }

    [GeneratedRegex(@"^\$\{(?<variable>[A-Z0-9_]+)(?:=(?<default>[^}]*))?\}$")]
    private static partial Regex Substitution();

    // $env:NAME (PowerShell), ${NAME:-} and ${NAME} (sh).
    [GeneratedRegex(@"\$(?:env:|\{)(?<name>[A-Z][A-Z0-9_]+)")]
    private static partial Regex EnvironmentReads();
}
