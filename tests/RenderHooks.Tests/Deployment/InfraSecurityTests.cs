using System.Text.RegularExpressions;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Deployment;

/// <summary>No storage key and no secret in plain settings or outputs; the resources the contract needs exist.</summary>
public sealed class InfraSecurityTests
{
    [Fact]
    public void NoStorageKeyOrConnectionString_Anywhere()
    {
        var files = Directory.EnumerateFiles(InfraFiles.Path("infra"), "*", SearchOption.AllDirectories)
            .Append(InfraFiles.Path("azure.yaml"))
            .ToDictionary(f => Path.GetRelativePath(InfraFiles.Root, f), File.ReadAllText);

        foreach (var (file, text) in files)
        {
            Assert.False(text.Contains("listKeys(", StringComparison.OrdinalIgnoreCase), $"{file} reads storage keys (listKeys).");
            Assert.False(text.Contains("AccountKey", StringComparison.OrdinalIgnoreCase), $"{file} mentions an account key.");
            Assert.False(text.Contains("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase), $"{file} builds a connection string.");
            Assert.False(Regex.IsMatch(text, @"\bAzureWebJobsStorage\s*:"), $"{file} sets AzureWebJobsStorage as a connection string.");
        }

        var storage = InfraFiles.Read("infra/app/storage.bicep");
        Assert.Contains("allowSharedKeyAccess: false", storage, StringComparison.Ordinal);
    }

    [Fact]
    public void HostAndLibraryStorage_IsIdentityBased_WithTheUserAssignedIdentity()
    {
        var functionApp = InfraFiles.Read("infra/app/function-app.bicep");
        var settings = InfraFiles.AssignedSettingNames(functionApp);

        Assert.Equal("managedidentity", InfraFiles.LiteralOf(functionApp, "AzureWebJobsStorage__credential"));
        Assert.Contains("AzureWebJobsStorage__clientId: identityClientId", functionApp, StringComparison.Ordinal);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains($"AzureWebJobsStorage__{service}ServiceUri", settings);
        }

        Assert.Contains("type: 'UserAssignedIdentity'", functionApp, StringComparison.Ordinal);
        Assert.Contains("keyVaultReferenceIdentity: identityId", functionApp, StringComparison.Ordinal);
        Assert.Equal("ClientId=${identityClientId};Authorization=AAD", InfraFiles.LiteralOf(functionApp, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Contains("DisableLocalAuth: true", InfraFiles.Read("infra/app/monitoring.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheIdentity_HasTheRolesTheAppAndHostNeed()
    {
        var rbac = InfraFiles.Read("infra/app/rbac.bicep");

        foreach (var role in new[] { "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor", "monitoringMetricsPublisher", "keyVaultSecretsUser" })
        {
            Assert.Matches(new Regex($@"roleDefinitions', roles\.{role}\)\s*\n\s*principalId: identityPrincipalId"), rbac);
        }
    }

    [Fact]
    public void TheQueuesAndTablesCreated_AreTheLibrarysDefaults()
    {
        var defaults = new StorageNamesOptions();
        var contract = InfraFiles.ContractSettings();
        Assert.Equal(defaults.DeliveriesQueue, contract["RenderHooks__Storage__DeliveriesQueue"]);
        Assert.Equal(defaults.EventsQueue, contract["RenderHooks__Storage__EventsQueue"]);
        Assert.Equal(defaults.JobsTable, contract["RenderHooks__Storage__JobsTable"]);
        Assert.Equal(defaults.DeliveriesTable, contract["RenderHooks__Storage__DeliveriesTable"]);

        var main = InfraFiles.Read("infra/main.bicep");
        var queues = Block(main, "queueNames: [");
        var tables = Block(main, "tableNames: [");
        Assert.Equal(
            new[] { "contractSettings.RenderHooks__Storage__DeliveriesQueue", "'${contractSettings.RenderHooks__Storage__DeliveriesQueue}-poison'", "contractSettings.RenderHooks__Storage__EventsQueue" },
            queues);
        Assert.Equal(new[] { "contractSettings.RenderHooks__Storage__JobsTable", "contractSettings.RenderHooks__Storage__DeliveriesTable" }, tables);
        Assert.Equal(defaults.DeliveriesQueue + "-poison", defaults.PoisonQueue);
    }

    [Fact]
    public void Secrets_AreKeyVaultReferences_ToSecretsTheVaultModuleCreates()
    {
        var main = InfraFiles.Read("infra/main.bicep");
        var keyVault = InfraFiles.Read("infra/app/keyvault.bicep");

        foreach (var setting in new[] { "RenderHooks__WebhookTokens__0", "RenderHooks__WebhookTokens__1", "RenderHooks__PhantomFlow__ApiKey", "RenderHooks__Json2Video__ApiKey" })
        {
            var value = InfraFiles.LiteralOf(main, setting);
            Assert.NotNull(value);
            var reference = Regex.Match(value, @"^@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=(?<secret>[a-z0-9-]+)\)$");
            Assert.True(reference.Success, $"{setting} is not a Key Vault reference: {value}");
            Assert.Contains($"name: '{reference.Groups["secret"].Value}'", keyVault, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SecureParameters_NeverReachAnOutput_NorAPlainSetting()
    {
        var bicep = InfraFiles.AllBicep();
        var main = bicep["infra/main.bicep"];
        var secure = InfraFiles.Parameters(main).Where(p => p.IsSecure).Select(p => p.Name).ToList();
        Assert.Equal(new[] { "webhookToken", "webhookTokenNext", "phantomFlowApiKey", "json2VideoApiKey" }, secure);

        foreach (var (file, text) in bicep)
        {
            foreach (var output in text.Split('\n').Where(l => l.StartsWith("output ", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(secure, name => Regex.IsMatch(output, $@"\b{name}\b", RegexOptions.IgnoreCase));
            }
        }

        // In main.bicep the secure values go to the Key Vault module only (and decide, with empty(), which references exist).
        foreach (var name in secure)
        {
            var uses = Regex.Matches(main, $@"\b{name}\b").Count;
            var asModuleParameter = Regex.Matches(main, $@"^\s*{name}: {name}$", RegexOptions.Multiline).Count;
            var asCondition = Regex.Matches(main, $@"empty\({name}\)").Count;
            Assert.Equal(uses, 1 + (2 * asModuleParameter) + asCondition);
        }
    }

    [Fact]
    public void TheGeneratedToken_MeetsTheLibrarysRule()
    {
        var token = InfraFiles.Parameters(InfraFiles.Read("infra/main.bicep")).Single(p => p.Name == "webhookToken");

        Assert.True(token.IsSecure);
        Assert.Null(token.Default); // a default would stop azd from generating it, and newGuid() would change it on every run
        Assert.Contains("type: 'generate'", token.Decorators, StringComparison.Ordinal);
        Assert.Contains("noSpecial: true", token.Decorators, StringComparison.Ordinal); // letters and digits: URL-safe
        var length = int.Parse(Regex.Match(token.Decorators, @"length: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(length, WebhookTokenOptions.MinimumTokenLength, 128);
        Assert.Contains($"@minLength({WebhookTokenOptions.MinimumTokenLength})", token.Decorators, StringComparison.Ordinal);
    }

    private static string[] Block(string bicep, string opening)
    {
        var start = bicep.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{opening}' is not in main.bicep.");
        var end = bicep.IndexOf(']', start + opening.Length);
        return bicep[(start + opening.Length)..end].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }
}
