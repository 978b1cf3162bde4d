using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Processing;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Deployment;

/// <summary>The app settings the Bicep writes are the ones the app reads, and the library accepts them.</summary>
public sealed class InfraSettingsTests
{
    // Set by the platform or not at all in Azure: Flex Consumption takes the worker runtime from
    // functionAppConfig.runtime (and refuses the setting), and storage is identity-based (its own test below).
    private static readonly string[] NotAppSettingsInAzure = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    private static IReadOnlySet<string> SettingsTheInfraWrites()
    {
        var names = new HashSet<string>(InfraFiles.ContractSettings().Keys, StringComparer.Ordinal);
        names.UnionWith(InfraFiles.AssignedSettingNames(InfraFiles.Read("infra/main.bicep")));
        names.UnionWith(InfraFiles.AssignedSettingNames(InfraFiles.Read("infra/app/function-app.bicep")));
        return names;
    }

    [Fact]
    public void EverySettingTheAppReads_IsWrittenByTheInfrastructure()
    {
        var written = SettingsTheInfraWrites();

        var missing = InfraFiles.SampleSettings().Keys
            .Where(name => !NotAppSettingsInAzure.Contains(name, StringComparer.Ordinal) && !written.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, $"Settings of local.settings.sample.json the Bicep does not set: {string.Join(", ", missing)}");
        Assert.Contains("RenderHooks__Reconcile__Schedule", written);
    }

    [Fact]
    public void EveryRenderHooksSettingTheInfrastructureWrites_IsOneTheAppReads()
    {
        var known = InfraFiles.SampleSettings().Keys.Append("RenderHooks__WebhookTokens__1").ToHashSet(StringComparer.Ordinal);

        var unknown = SettingsTheInfraWrites().Where(n => n.StartsWith("RenderHooks__", StringComparison.Ordinal) && !known.Contains(n)).ToList();

        Assert.True(unknown.Count == 0, $"Settings the Bicep writes that the app does not read (a typo?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ManagementKey_IsNotDeployed_FunctionsUsesFunctionKeys() =>
        Assert.DoesNotContain(SettingsTheInfraWrites(), n => n.StartsWith("RenderHooks__ManagementKey", StringComparison.Ordinal));

    [Fact]
    public void TheSettingsAsDeployed_PassTheLibrarysValidation_AndSelectTheManagedIdentity()
    {
        var functionApp = InfraFiles.Read("infra/app/function-app.bicep");
        var configuration = DeployedConfiguration(functionApp);
        var clientId = configuration["AzureWebJobsStorage__clientId"];

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.AddRenderHooks();
        using var host = builder.Build();
        var services = host.Services;

        // Binding and validation, as ValidateOnStart does when the app starts: throws OptionsValidationException.
        Assert.Equal(2, services.GetRequiredService<IOptions<WebhookTokenOptions>>().Value.WebhookTokens.Count);
        _ = services.GetRequiredService<IOptions<IntakeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<StorageNamesOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ProcessingOptions>>().Value;
        Assert.Equal(ParameterDefault("reconcileSchedule"), services.GetRequiredService<IOptions<ReconcileOptions>>().Value.Schedule);
        Assert.True(services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value.IsConfigured);
        Assert.True(services.GetRequiredService<IOptions<Json2VideoStatusOptions>>().Value.IsConfigured);

        var account = services.GetRequiredService<StorageAccount>();
        Assert.False(account.UsesSharedKey);
        Assert.Equal(new Uri("https://stexample.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://stexample.table.core.windows.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://stexample.blob.core.windows.net/"), account.BlobServiceUri);
        Assert.IsType<ManagedIdentityCredential>(account.TokenCredential);
        Assert.Equal("managedidentity", configuration["AzureWebJobsStorage__credential"]);
        Assert.True(Guid.TryParse(clientId, out _));
    }

    /// <summary>
    /// The app settings as Azure would hand them to the app: the fixed ones as written, Key Vault references as the
    /// secrets they resolve to, and each Bicep expression (endpoints, the identity's client id) as a value of its shape.
    /// </summary>
    private static Dictionary<string, string> DeployedConfiguration(string functionApp)
    {
        var settings = new Dictionary<string, string>(InfraFiles.ContractSettings(), StringComparer.Ordinal)
        {
            ["RenderHooks__WebhookTokens__0"] = "Generated0Token0With40Letters0And0Digits",
            ["RenderHooks__WebhookTokens__1"] = "rotation-token-0123456789",
            ["RenderHooks__Reconcile__Schedule"] = ParameterDefault("reconcileSchedule"),
            ["RenderHooks__PhantomFlow__BaseUrl"] = "https://api.phantomflow.dev",
            ["RenderHooks__PhantomFlow__ApiKey"] = "pf-key-0123456789",
            ["RenderHooks__Json2Video__BaseUrl"] = ParameterDefault("json2VideoBaseUrl"),
            ["RenderHooks__Json2Video__ApiKey"] = "j2v-key-0123456789",
        };

        foreach (var name in InfraFiles.AssignedSettingNames(functionApp).Where(n => n.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal)))
        {
            var key = name["AzureWebJobsStorage__".Length..];
            settings[name] = key switch
            {
                "credential" => InfraFiles.LiteralOf(functionApp, name) ?? throw new InvalidOperationException($"{name} is not a literal."),
                "clientId" => Guid.NewGuid().ToString(),
                _ when key.EndsWith("ServiceUri", StringComparison.Ordinal) => $"https://stexample.{key[..^"ServiceUri".Length]}.core.windows.net/",
                _ => throw new InvalidOperationException($"The test does not know what {name} holds; teach it."),
            };
        }

        return settings;
    }

    private static string ParameterDefault(string name) =>
        InfraFiles.Unquote(InfraFiles.Parameters(InfraFiles.Read("infra/main.bicep")).Single(p => p.Name == name).Default
            ?? throw new InvalidOperationException($"main.bicep parameter {name} has no default."));
}
