using System.Net;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Deployment;

/// <summary>The app settings the compiled deployment writes are the ones the app reads, and the library accepts them.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class InfraSettingsTests(CompiledInfra infra)
{
    // Set by the platform or not at all in Azure: Flex Consumption takes the worker runtime from
    // functionAppConfig.runtime (and refuses the setting), and storage is identity-based (its own test).
    private static readonly string[] NotAppSettingsInAzure = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    [Fact]
    public void EverySettingTheAppReads_IsWrittenByTheInfrastructure()
    {
        var written = infra.Full.AppSettings.Keys.ToHashSet(StringComparer.Ordinal);

        var missing = InfraFiles.SampleSettings().Keys
            .Where(name => !NotAppSettingsInAzure.Contains(name, StringComparer.Ordinal) && !written.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, $"Settings of local.settings.sample.json the deployment does not set: {string.Join(", ", missing)}");
        Assert.Contains("RenderHooks__Reconcile__Schedule", written);
    }

    [Fact]
    public void EveryRenderHooksSettingTheInfrastructureWrites_IsOneTheAppReads()
    {
        var known = InfraFiles.SampleSettings().Keys.Append("RenderHooks__WebhookTokens__1").ToHashSet(StringComparer.Ordinal);
        // A list the sample shows with its first entry: the deployment writes as many entries as it is given.
        static string FirstOfList(string name) => System.Text.RegularExpressions.Regex.Replace(name, "__[0-9]+$", "__0");

        var unknown = infra.Full.AppSettings.Keys
            .Where(n => n.StartsWith("RenderHooks__", StringComparison.Ordinal) && !known.Contains(n) && !known.Contains(FirstOfList(n)))
            .ToList();

        Assert.True(unknown.Count == 0, $"Settings the deployment writes that the app does not read (a typo?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheFixedSettings_AreWrittenAsInAppSettingsJson()
    {
        foreach (var (name, value) in InfraFiles.ContractSettings())
        {
            Assert.Equal(value, infra.Minimal.AppSettings[name]);
        }
    }

    [Fact]
    public void MaxBodyBytes_AsDeployedAndInTheSample_IsTheLibrarysDefault()
    {
        // A fixed value that lags behind the library's default would keep refusing, in Azure only, bodies the library
        // accepts (issue 17 raised it from 35,840 bytes to 1 MiB).
        var library = new IntakeOptions().MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(library, InfraFiles.ContractSettings()["RenderHooks__Intake__MaxBodyBytes"]);
        Assert.Equal(library, InfraFiles.SampleSettings()["RenderHooks__Intake__MaxBodyBytes"]);
        Assert.Equal(library, infra.Minimal.AppSettings["RenderHooks__Intake__MaxBodyBytes"]);
    }

    [Fact]
    public void ManagementKey_IsNotDeployed_FunctionsUsesFunctionKeys() =>
        Assert.DoesNotContain(infra.Full.AppSettings.Keys, n => n.StartsWith("RenderHooks__ManagementKey", StringComparison.Ordinal));

    [Fact]
    public void TheSettingsAsDeployed_PassTheLibrarysValidation_AndSelectTheManagedIdentity()
    {
        using var host = BuildHost(infra.Full.AppSettings);
        var services = host.Services;

        // Binding and validation, as ValidateOnStart does when the app starts: throws OptionsValidationException.
        Assert.Equal(2, services.GetRequiredService<IOptions<WebhookTokenOptions>>().Value.WebhookTokens.Count);
        _ = services.GetRequiredService<IOptions<IntakeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<StorageNamesOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ProcessingOptions>>().Value;
        Assert.Equal(new ReconcileOptions().Schedule, services.GetRequiredService<IOptions<ReconcileOptions>>().Value.Schedule);
        Assert.True(services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value.IsConfigured);
        Assert.True(services.GetRequiredService<IOptions<Json2VideoStatusOptions>>().Value.IsConfigured);
        var sources = services.GetRequiredService<IOptionsMonitor<WebhookSourceOptions>>();
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], sources.Get(ProviderNames.PhantomFlow).AllowedSourceRanges);
        Assert.Equal(["198.51.100.7"], sources.Get(ProviderNames.Json2Video).AllowedSourceRanges);
        var check = services.GetRequiredService<WebhookSourceCheck>();
        Assert.True(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("2001:db8::9")));
        Assert.False(check.IsAllowed(ProviderNames.Json2Video, IPAddress.Parse("203.0.113.9")));

        var account = services.GetRequiredService<StorageAccount>();
        Assert.False(account.UsesSharedKey);
        Assert.Equal(new Uri("https://stexample.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://stexample.table.core.windows.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://stexample.blob.core.windows.net/"), account.BlobServiceUri);
        Assert.IsType<ManagedIdentityCredential>(account.TokenCredential);
    }

    [Fact]
    public void TheSettingsWithoutOptionalValues_PassTheLibrarysValidation_WithOneTokenAndNoPhantomFlow()
    {
        using var host = BuildHost(infra.Minimal.AppSettings);
        var services = host.Services;

        Assert.Single(services.GetRequiredService<IOptions<WebhookTokenOptions>>().Value.WebhookTokens);
        Assert.False(services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value.IsConfigured);
        Assert.False(services.GetRequiredService<IOptions<Json2VideoStatusOptions>>().Value.IsConfigured);
        Assert.Equal(Json2VideoStatusOptions.DefaultBaseUrl, services.GetRequiredService<IOptions<Json2VideoStatusOptions>>().Value.BaseUrl);
        var check = services.GetRequiredService<WebhookSourceCheck>();
        Assert.All(ProviderNames.All, provider => Assert.True(check.IsAllowed(provider, IPAddress.Parse("198.51.100.9"))));
    }

    [Fact]
    public void AllowedSourceRanges_OneSettingPerRangeInOrder_NoneWhenNotGiven()
    {
        var full = infra.Full.AppSettings.Where(s => s.Key.Contains("__AllowedSourceRanges__", StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [
                new("RenderHooks__Json2Video__AllowedSourceRanges__0", "198.51.100.7"),
                new("RenderHooks__PhantomFlow__AllowedSourceRanges__0", "203.0.113.0/24"),
                new("RenderHooks__PhantomFlow__AllowedSourceRanges__1", "2001:db8::/32"),
            ],
            full);
        Assert.DoesNotContain(infra.Minimal.AppSettings.Keys, n => n.Contains("AllowedSourceRanges", StringComparison.Ordinal));
    }

    /// <summary>
    /// The app settings as Azure would hand them to the app: Key Vault references as the secrets they resolve to, and
    /// each value known only at deployment (endpoints, the identity's client id) as a value of its shape.
    /// </summary>
    private IHost BuildHost(IReadOnlyDictionary<string, string> deployed)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["webhook-token-0"] = CompiledInfra.FullParameters["webhookToken"],
            ["webhook-token-1"] = CompiledInfra.FullParameters["webhookTokenNext"],
            ["phantomflow-api-key"] = CompiledInfra.FullParameters["phantomFlowApiKey"],
            ["json2video-api-key"] = CompiledInfra.FullParameters["json2VideoApiKey"],
        };
        var identityId = infra.Full.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var storageId = infra.Full.IdOf("Microsoft.Storage/storageAccounts");
        var runtime = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ArmExpression.Runtime(identityId, "clientId")] = Guid.NewGuid().ToString(),
            [ArmExpression.Runtime(storageId, "primaryEndpoints.blob")] = "https://stexample.blob.core.windows.net/",
            [ArmExpression.Runtime(storageId, "primaryEndpoints.queue")] = "https://stexample.queue.core.windows.net/",
            [ArmExpression.Runtime(storageId, "primaryEndpoints.table")] = "https://stexample.table.core.windows.net/",
        };

        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in deployed.Where(s => !s.Key.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal)))
        {
            var resolved = value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)
                ? secrets[value[(value.IndexOf("SecretName=", StringComparison.Ordinal) + "SecretName=".Length)..^1]]
                : value.StartsWith(ArmExpression.RuntimePrefix, StringComparison.Ordinal)
                    ? runtime.GetValueOrDefault(value) ?? throw new InvalidOperationException($"The test does not know what {name} ({value}) holds; teach it.")
                    : value;
            configuration[name.Replace("__", ":", StringComparison.Ordinal)] = resolved;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddRenderHooks();
        return builder.Build();
    }
}
