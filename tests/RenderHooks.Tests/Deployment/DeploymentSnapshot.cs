using System.Text.Json.Nodes;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// What Azure would receive for one set of parameter values: the resources of <c>bicep snapshot</c> (every module
/// flattened, names, ids and properties evaluated), with the expressions it left evaluated by
/// <see cref="ArmExpression"/> and the resources whose condition is false left out.
/// </summary>
internal sealed class DeploymentSnapshot
{
    public DeploymentSnapshot(JsonObject snapshot, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        Parameters = parameters;
        var raw = snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();

        // The only variable left in unevaluated branches (the Key Vault references behind a secure parameter's
        // empty()) is the vault's name, which the snapshot did evaluate on the vault itself.
        var vaults = raw.Where(r => (string?)r["type"] == "Microsoft.KeyVault/vaults").ToList();
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["keyVaultName"] = vaults.Count == 1 ? vaults[0]["name"]!.DeepClone() : null,
        };

        Resources = raw
            .Select(r => ArmExpression.EvaluateAll(r, parameters, variables)!.AsObject())
            .Where(r => r["condition"] is null || r["condition"]!.GetValue<bool>())
            .ToList();
        Outputs = ArmExpression.EvaluateAll(snapshot["outputs"], parameters, variables)!.AsObject();
        Diagnostics = snapshot["diagnostics"]?.AsArray().Select(d => d!.ToJsonString()).ToList() ?? [];
    }

    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; }

    public IReadOnlyList<JsonObject> Resources { get; }

    public JsonObject Outputs { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of <paramref name="type"/> (whose name ends with <paramref name="nameEnd"/>, if given).</summary>
    public JsonObject Single(string type, string? nameEnd = null)
    {
        var matches = OfType(type).Where(r => nameEnd is null || ((string)r["name"]!).EndsWith(nameEnd, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} resources of type {type}{(nameEnd is null ? "" : $" named …{nameEnd}")}: {string.Join(", ", matches.Select(m => m["name"]))}");
        return matches[0];
    }

    /// <summary>The Function App's settings, as the <c>appsettings</c> config resource writes them.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Single("Microsoft.Web/sites/config", "/appsettings")["properties"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>A role assignment: its scope (the resource id before <c>/providers/Microsoft.Authorization/…</c>), role and principal.</summary>
    public IReadOnlyList<RoleAssignment> RoleAssignments =>
        OfType("Microsoft.Authorization/roleAssignments").Select(r =>
        {
            var id = (string)r["id"]!;
            var scope = id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase)];
            var roleDefinitionId = (string)r["properties"]!["roleDefinitionId"]!;
            return new RoleAssignment(scope, roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..], (string)r["properties"]!["principalId"]!);
        }).ToList();

    /// <summary>The id of the one resource of <paramref name="type"/> (whose name ends with <paramref name="nameEnd"/>).</summary>
    public string IdOf(string type, string? nameEnd = null) => (string)Single(type, nameEnd)["id"]!;
}

internal sealed record RoleAssignment(string Scope, string RoleDefinitionName, string PrincipalId);
