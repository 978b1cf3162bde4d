using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// infra/main.bicep through the Bicep CLI, once for all deployment tests: <c>bicep build</c> (the ARM template Azure
/// receives), <c>bicep lint</c> (with infra/bicepconfig.json), and <c>bicep snapshot</c> for two sets of parameter
/// values, every optional one given (<see cref="Full"/>) and only the required ones (<see cref="Minimal"/>).
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string TenantId = "00000000-0000-0000-0000-0000000000bb";

    internal static readonly IReadOnlyDictionary<string, string> FullParameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["environmentName"] = "renderhooks-test",
        ["location"] = "swedencentral",
        ["principalId"] = "11111111-2222-3333-4444-555555555555",
        ["webhookToken"] = "Generated0Token0With40Letters0And0Digits",
        ["webhookTokenNext"] = "rotation-token-0123456789",
        ["phantomFlowBaseUrl"] = "https://api.phantomflow.dev",
        ["phantomFlowApiKey"] = "pf-key-0123456789-secret",
        ["json2VideoApiKey"] = "j2v-key-0123456789-secret",
        ["phantomFlowAllowedSourceRanges"] = " 203.0.113.0/24, ,2001:db8::/32,",
        ["json2VideoAllowedSourceRanges"] = "198.51.100.7",
        ["payloadOrphanDays"] = "14",
        ["payloadRetentionDays"] = "400",
    };

    internal static readonly IReadOnlyDictionary<string, string> MinimalParameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["environmentName"] = "renderhooks-test",
        ["location"] = "swedencentral",
        ["webhookToken"] = "Generated0Token0With40Letters0And0Digits",
    };

    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "renderhooks-bicep-" + Guid.NewGuid().ToString("N"));

    internal BicepResult Build { get; private set; } = null!;

    internal BicepResult Lint { get; private set; } = null!;

    /// <summary>The compiled ARM template of main.bicep.</summary>
    internal JsonObject Template { get; private set; } = null!;

    internal DeploymentSnapshot Full { get; private set; } = null!;

    internal DeploymentSnapshot Minimal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDirectory);
        var main = InfraFiles.Path("infra/main.bicep");
        var build = BicepCli.RunAsync(["build", main, "--stdout"], InfraFiles.Root);
        var lint = BicepCli.RunAsync(["lint", main], InfraFiles.Root);
        var full = SnapshotAsync("full", FullParameters);
        var minimal = SnapshotAsync("minimal", MinimalParameters);

        Build = await build;
        Lint = await lint;
        Assert.True(Build.ExitCode == 0, $"bicep build failed:\n{Build.Error}");
        Template = JsonNode.Parse(Build.Output)!.AsObject();
        Full = new DeploymentSnapshot(await full, ParameterValues(FullParameters));
        Minimal = new DeploymentSnapshot(await minimal, ParameterValues(MinimalParameters));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_workDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The template of the module deployed as <paramref name="deploymentName"/>, searched through every module.</summary>
    internal JsonObject Module(string deploymentName) => FindModule(Template, deploymentName)
        ?? throw new KeyNotFoundException($"No module deployment named {deploymentName}.");

    /// <summary>The module deployment resource itself (its condition, its parameters as passed).</summary>
    internal JsonObject ModuleDeployment(string deploymentName) => FindDeployment(Template, deploymentName)
        ?? throw new KeyNotFoundException($"No module deployment named {deploymentName}.");

    private static JsonObject? FindModule(JsonObject template, string deploymentName) =>
        FindDeployment(template, deploymentName)?["properties"]!["template"]!.AsObject();

    private static JsonObject? FindDeployment(JsonObject template, string deploymentName)
    {
        foreach (var resource in Resources(template))
        {
            if ((string?)resource["type"] != "Microsoft.Resources/deployments")
            {
                continue;
            }

            if ((string?)resource["name"] == deploymentName)
            {
                return resource;
            }

            if (FindDeployment(resource["properties"]!["template"]!.AsObject(), deploymentName) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    private async Task<JsonObject> SnapshotAsync(string name, IReadOnlyDictionary<string, string> values)
    {
        // A .bicepparam names its template by a relative path.
        var usingPath = Path.GetRelativePath(_workDirectory, InfraFiles.Path("infra/main.bicep")).Replace('\\', '/');
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"using '{usingPath}'\n");
        foreach (var (key, value) in values)
        {
            // An int parameter's value is a number literal; a string parameter's is quoted.
            text.Append("param ").Append(key).Append(" = ").Append(IsInteger(value) ? value : $"'{value}'").Append('\n');
        }

        var parametersFile = Path.Combine(_workDirectory, name + ".bicepparam");
        await File.WriteAllTextAsync(parametersFile, text.ToString());
        var result = await BicepCli.RunAsync(
            ["snapshot", parametersFile, "--mode", "overwrite", "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", values["location"], "--deployment-name", "renderhooks"],
            _workDirectory);
        Assert.True(result.ExitCode == 0, $"bicep snapshot ({name}) failed:\n{result.Output}\n{result.Error}");

        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_workDirectory, name + ".snapshot.json")))!.AsObject();
    }

    /// <summary>Every parameter's value: the given ones, the others' defaults from the compiled template.</summary>
    private Dictionary<string, JsonNode?> ParameterValues(IReadOnlyDictionary<string, string> values)
    {
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, declaration) in Template["parameters"]!.AsObject())
        {
            parameters[key] = values.TryGetValue(key, out var value)
                ? (IsInteger(value) ? JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value))
                : declaration!["defaultValue"]?.DeepClone();
        }

        return parameters;
    }

    /// <summary>The values of int parameters are digits; no string parameter's value here is digits only.</summary>
    private static bool IsInteger(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Compiled infra";
}
