using System.Text.Json.Nodes;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// What the compiled deployment gives Azure: no storage key and no secret in plain settings or outputs, identity-based
/// storage, each role on the narrowest scope that works, and the resources the contract needs.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class InfraSecurityTests(CompiledInfra infra)
{
    private const string Storage = "Microsoft.Storage/storageAccounts";
    private const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";

    // Built-in role definition ids.
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string QueueDataMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    // The payloads container (RenderHooks:Storage:PayloadsContainer) and the blob index tag the library writes on each
    // payload blob, with its two values: the library's.
    private static readonly string PayloadsContainer = new StorageNamesOptions().PayloadsContainer;
    private const string PayloadStateTag = PayloadBlobs.StateTag;

    [Fact]
    public void NoStorageKeyOrConnectionString_Anywhere()
    {
        // In any file (hooks included), and in what the deployment writes.
        var files = Directory.EnumerateFiles(InfraFiles.Path("infra"), "*", SearchOption.AllDirectories)
            .Append(InfraFiles.Path("azure.yaml"))
            .ToDictionary(f => Path.GetRelativePath(InfraFiles.Root, f), File.ReadAllText);
        foreach (var (file, text) in files)
        {
            Assert.False(text.Contains("listKeys(", StringComparison.OrdinalIgnoreCase), $"{file} reads storage keys (listKeys).");
            Assert.False(text.Contains("AccountKey", StringComparison.OrdinalIgnoreCase), $"{file} mentions an account key.");
            Assert.False(text.Contains("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase), $"{file} builds a connection string.");
        }

        foreach (var snapshot in new[] { infra.Full, infra.Minimal })
        {
            Assert.False(snapshot.Single(Storage)["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
            Assert.DoesNotContain("AzureWebJobsStorage", snapshot.AppSettings.Keys);
            Assert.DoesNotContain(snapshot.AppSettings.Values, v => v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(snapshot.Resources, r => r.ToJsonString().Contains("listKeys", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void HostAndLibraryStorage_IsIdentityBased_WithTheUserAssignedIdentity()
    {
        var settings = infra.Full.AppSettings;
        var identityId = infra.Full.IdOf(Identity);
        var storageId = infra.Full.IdOf(Storage);
        var site = infra.Full.Single("Microsoft.Web/sites");

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(ArmExpression.Runtime(identityId, "clientId"), settings["AzureWebJobsStorage__clientId"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal(ArmExpression.Runtime(storageId, $"primaryEndpoints.{service}"), settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }

        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identityId], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(identityId, (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        var deploymentStorage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", (string?)deploymentStorage["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)deploymentStorage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal($"ClientId={ArmExpression.Runtime(identityId, "clientId")};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True(infra.Full.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void TheIdentity_HasEachRole_OnlyOnWhatItUses()
    {
        var snapshot = infra.Full;
        var principal = ArmExpression.Runtime(snapshot.IdOf(Identity), "principalId");
        var storageId = snapshot.IdOf(Storage);
        var names = new StorageNamesOptions();
        var deploymentContainer = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => ((string)c["name"]!).Split('/')[^1]).Single(n => n.StartsWith("app-package-", StringComparison.Ordinal));
        var packageLocation = (string?)snapshot.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"];
        Assert.Equal(ArmExpression.Runtime(storageId, "primaryEndpoints.blob") + deploymentContainer, packageLocation);

        var expected = new[]
        {
            ($"{storageId}/blobServices/default/containers/{deploymentContainer}", BlobDataContributor),
            ($"{storageId}/blobServices/default/containers/azure-webjobs-hosts", BlobDataContributor),
            ($"{storageId}/blobServices/default/containers/azure-webjobs-secrets", BlobDataContributor),
            // Owner for blobs/tags/write (intake's Put Blob with x-ms-tags, processing's Set Blob Tags), on this container only.
            ($"{storageId}/blobServices/default/containers/{PayloadsContainer}", BlobDataOwner),
            ($"{storageId}/queueServices/default/queues/{names.DeliveriesQueue}", QueueDataContributor),
            ($"{storageId}/queueServices/default/queues/{names.PoisonQueue}", QueueDataContributor),
            ($"{storageId}/queueServices/default/queues/{names.EventsQueue}", QueueDataMessageSender),
            ($"{storageId}/tableServices/default/tables/{names.JobsTable}", TableDataContributor),
            ($"{storageId}/tableServices/default/tables/{names.DeliveriesTable}", TableDataContributor),
            (snapshot.IdOf("Microsoft.Insights/components"), MonitoringMetricsPublisher),
            (snapshot.IdOf("Microsoft.KeyVault/vaults"), KeyVaultSecretsUser),
        };

        var actual = snapshot.RoleAssignments.Where(a => a.PrincipalId == principal).Select(a => (a.Scope, a.RoleDefinitionName)).ToList();
        Assert.Equal(expected.Order(), actual.Order());
        Assert.DoesNotContain(snapshot.RoleAssignments, a => a.Scope == storageId); // nothing on the whole account
    }

    [Fact]
    public void NoCustomRole_AndTheAppCreatesNoQueueOrTable_TheDeploymentDoes()
    {
        // Built-in roles only: the identity has no right to create queues or tables, so the app must not try.
        Assert.Empty(infra.Full.OfType("Microsoft.Authorization/roleDefinitions"));
        Assert.Equal("false", infra.Full.AppSettings["RenderHooks__Storage__CreateIfNotExists"]);
        Assert.Equal("true", InfraFiles.SampleSettings()["RenderHooks__Storage__CreateIfNotExists"]);
        Assert.True(new StorageProvisioningOptions().CreateIfNotExists);
    }

    [Fact]
    public void TheDeployingUser_GetsSecretsOfficer_OnTheVault_OnlyWhenNamed()
    {
        var assignment = Assert.Single(infra.Full.RoleAssignments, a => a.PrincipalId == CompiledInfra.FullParameters["principalId"]);

        Assert.Equal((infra.Full.IdOf("Microsoft.KeyVault/vaults"), KeyVaultSecretsOfficer), (assignment.Scope, assignment.RoleDefinitionName));
        Assert.DoesNotContain(infra.Minimal.RoleAssignments, a => a.RoleDefinitionName == KeyVaultSecretsOfficer);
    }

    [Fact]
    public void TheContainersQueuesAndTables_AreTheHostsAndTheLibrarysDefaults()
    {
        var defaults = new StorageNamesOptions();
        var contract = InfraFiles.ContractSettings();
        Assert.Equal(defaults.DeliveriesQueue, contract["RenderHooks__Storage__DeliveriesQueue"]);
        Assert.Equal(defaults.EventsQueue, contract["RenderHooks__Storage__EventsQueue"]);
        Assert.Equal(defaults.JobsTable, contract["RenderHooks__Storage__JobsTable"]);
        Assert.Equal(defaults.DeliveriesTable, contract["RenderHooks__Storage__DeliveriesTable"]);
        Assert.Equal(defaults.DeliveriesQueue + "-poison", defaults.PoisonQueue);

        string[] Names(string type) => infra.Minimal.OfType(type).Select(r => ((string)r["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { defaults.DeliveriesQueue, defaults.PoisonQueue, defaults.EventsQueue }.Order(StringComparer.Ordinal), Names("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Equal(new[] { defaults.JobsTable, defaults.DeliveriesTable }.Order(StringComparer.Ordinal), Names("Microsoft.Storage/storageAccounts/tableServices/tables"));
        var containers = Names("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Contains("azure-webjobs-hosts", containers);
        Assert.Contains("azure-webjobs-secrets", containers);
        Assert.Single(containers, c => c.StartsWith("app-package-", StringComparison.Ordinal));
        // The app does not create it in Azure (CreateIfNotExists is false): the deployment must.
        Assert.Equal(PayloadsContainer, contract["RenderHooks__Storage__PayloadsContainer"]);
        Assert.Contains(PayloadsContainer, containers);
        Assert.Equal(4, containers.Length);
        Assert.Equal("None", (string?)infra.Minimal.Single("Microsoft.Storage/storageAccounts/blobServices/containers", "/" + PayloadsContainer)["properties"]!["publicAccess"]);
    }

    [Fact]
    public void TheLifecyclePolicy_DeletesPayloadsTaggedReceived_AfterTheOrphanDays_AndKeepsArchivedOnesByDefault()
    {
        var policy = infra.Minimal.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var account = (string)infra.Minimal.Single(Storage)["name"]!;

        Assert.Equal($"{account}/default", (string?)policy["name"]); // the one policy an account has is named default
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        AssertPayloadRule(rule, "payloadOrphans", PayloadBlobs.Received, days: 30);
        Assert.Equal(30, (int?)infra.Template["parameters"]!["payloadOrphanDays"]!["defaultValue"]);
        Assert.Equal(0, (int?)infra.Template["parameters"]!["payloadRetentionDays"]!["defaultValue"]); // 0: archived bodies kept
        // 0 days would delete blobs whose deliveries are still queued; a negative retention means nothing.
        Assert.Equal(1, (int?)infra.Template["parameters"]!["payloadOrphanDays"]!["minValue"]);
        Assert.Equal(0, (int?)infra.Template["parameters"]!["payloadRetentionDays"]!["minValue"]);
    }

    [Fact]
    public void TheLifecyclePolicy_TakesTheOrphanDays_AndDeletesArchivedPayloads_OnlyWhenARetentionIsGiven()
    {
        var policy = infra.Full.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = policy["properties"]!["policy"]!["rules"]!.AsArray();

        Assert.Equal(2, rules.Count);
        AssertPayloadRule(rules[0]!, "payloadOrphans", PayloadBlobs.Received, days: int.Parse(CompiledInfra.FullParameters["payloadOrphanDays"], System.Globalization.CultureInfo.InvariantCulture));
        AssertPayloadRule(rules[1]!, "archivedPayloads", PayloadBlobs.Archived, days: int.Parse(CompiledInfra.FullParameters["payloadRetentionDays"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A rule that deletes, this many days after they were written, the block blobs of the payloads container (and of no
    /// other: the prefix is the container name and a slash) whose blob index tag renderhooks-state equals this state.
    /// </summary>
    private static void AssertPayloadRule(JsonNode rule, string name, string state, int days)
    {
        Assert.Equal(name, (string?)rule["name"]);
        Assert.Equal("Lifecycle", (string?)rule["type"]);
        Assert.True((bool?)rule["enabled"]);
        var filters = rule["definition"]!["filters"]!;
        Assert.Equal(["blockBlob"], Strings(filters["blobTypes"]));
        Assert.Equal([PayloadsContainer + "/"], Strings(filters["prefixMatch"]));
        var match = Assert.Single(filters["blobIndexMatch"]!.AsArray())!;
        Assert.Equal((PayloadStateTag, "==", state), ((string?)match["name"], (string?)match["op"], (string?)match["value"]));
        var actions = rule["definition"]!["actions"]!.AsObject();
        Assert.Equal(["baseBlob"], actions.Select(a => a.Key));
        var baseBlob = actions["baseBlob"]!.AsObject();
        Assert.Equal(["delete"], baseBlob.Select(a => a.Key)); // deleted, never moved to another tier
        var delete = baseBlob["delete"]!.AsObject();
        Assert.Equal(["daysAfterCreationGreaterThan"], delete.Select(c => c.Key));
        Assert.Equal(days, (int?)delete["daysAfterCreationGreaterThan"]);
    }

    [Fact]
    public void Secrets_AreKeyVaultReferences_ToSecretsTheVaultHolds()
    {
        var secretSettings = new Dictionary<string, string>
        {
            ["RenderHooks__WebhookTokens__0"] = "webhook-token-0",
            ["RenderHooks__WebhookTokens__1"] = "webhook-token-1",
            ["RenderHooks__PhantomFlow__ApiKey"] = "phantomflow-api-key",
            ["RenderHooks__Json2Video__ApiKey"] = "json2video-api-key",
        };
        var vault = (string)infra.Full.Single("Microsoft.KeyVault/vaults")["name"]!;

        foreach (var (setting, secret) in secretSettings)
        {
            Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName={secret})", infra.Full.AppSettings[setting]);
            infra.Full.Single("Microsoft.KeyVault/vaults/secrets", $"{vault}/{secret}");
        }

        // Without the optional values: neither the secrets nor the settings pointing at them.
        Assert.Equal(["RenderHooks__WebhookTokens__0"], infra.Minimal.AppSettings.Keys.Intersect(secretSettings.Keys));
        Assert.Equal(["webhook-token-0"], infra.Minimal.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => ((string)s["name"]!).Split('/')[^1]));
    }

    [Fact]
    public void SecureValues_AreOnlyInKeyVaultSecrets()
    {
        var template = infra.Template["parameters"]!.AsObject();
        var secure = template.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).ToList();
        Assert.Equal(["webhookToken", "webhookTokenNext", "phantomFlowApiKey", "json2VideoApiKey"], secure);

        foreach (var name in secure)
        {
            var value = CompiledInfra.FullParameters[name];
            Assert.DoesNotContain(value, infra.Full.Outputs.ToJsonString(), StringComparison.Ordinal);
            foreach (var resource in infra.Full.Resources)
            {
                var holds = resource.ToJsonString().Contains(value, StringComparison.Ordinal);
                var isItsSecret = (string?)resource["type"] == "Microsoft.KeyVault/vaults/secrets" && (string?)resource["properties"]!["value"] == value;
                Assert.False(holds && !isItsSecret, $"{resource["type"]} {resource["name"]} holds the value of {name}.");
            }

            Assert.Single(infra.Full.OfType("Microsoft.KeyVault/vaults/secrets"), s => (string?)s["properties"]!["value"] == value);
        }
    }

    [Fact]
    public void TheGeneratedToken_MeetsTheLibrarysRule()
    {
        var token = infra.Template["parameters"]!["webhookToken"]!;
        var generate = token["metadata"]!["azd"]!;

        Assert.Equal("securestring", (string?)token["type"]);
        Assert.Null(token["defaultValue"]); // a default would stop azd from generating it, and newGuid() would change it on every run
        Assert.Equal(WebhookTokenOptions.MinimumTokenLength, (int?)token["minLength"]);
        Assert.Equal("generate", (string?)generate["type"]);
        Assert.True((bool?)generate["config"]!["noSpecial"]); // letters and digits: URL-safe
        Assert.InRange((int)generate["config"]!["length"]!, WebhookTokenOptions.MinimumTokenLength, 128);
    }

    [Fact]
    public void BothTokens_PassThroughTheSecretModule_WithTheLibrarysMinimumLength()
    {
        foreach (var deployment in new[] { "webhook-token-0", "webhook-token-1" })
        {
            var parameter = infra.Module(deployment)["parameters"]!["token"]!;
            Assert.Equal("securestring", (string?)parameter["type"]);
            Assert.Equal(WebhookTokenOptions.MinimumTokenLength, (int?)parameter["minLength"]);
        }

        // The rotation token's module runs only when one is given, so an empty value (the default) means no rotation.
        Assert.Equal("[not(empty(parameters('webhookTokenNext')))]", (string?)infra.ModuleDeployment("webhook-token-1")["condition"]);
        Assert.Null(infra.ModuleDeployment("webhook-token-0")["condition"]);
        Assert.Equal("", (string?)infra.Template["parameters"]!["webhookTokenNext"]!["defaultValue"]);
        Assert.Equal("[parameters('webhookTokenNext')]", (string?)infra.ModuleDeployment("webhook-token-1")["properties"]!["parameters"]!["token"]!["value"]);
    }

    [Fact]
    public void TheVault_IsPurgeProtected_WithNinetyDaysOfSoftDelete()
    {
        var vault = infra.Full.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool?)vault["enableRbacAuthorization"]);
        Assert.True((bool?)vault["enableSoftDelete"]);
        Assert.Equal(90, (int?)vault["softDeleteRetentionInDays"]);
        Assert.True((bool?)vault["enablePurgeProtection"]);
    }

    [Fact]
    public void StorageAndVault_KeepTheirPublicEndpoints_WithEntraIdRequired()
    {
        // Flex Consumption without virtual network integration reaches both over their public endpoints (docs/deploy.md).
        var storage = infra.Full.Single(Storage)["properties"]!;
        var vault = infra.Full.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.Equal("Enabled", (string?)storage["publicNetworkAccess"]);
        Assert.False((bool?)storage["allowSharedKeyAccess"]);
        Assert.Equal("Enabled", (string?)vault["publicNetworkAccess"]);
        Assert.True((bool?)vault["enableRbacAuthorization"]);
        Assert.Empty(vault["accessPolicies"]!.AsArray());
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(e => (string)e!).ToList();
}
