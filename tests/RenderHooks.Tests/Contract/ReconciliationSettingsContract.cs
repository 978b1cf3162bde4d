using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Whether reconciliation is on, per provider, in both hosts (<see cref="OnServer.ReconciliationSettingsOnServer"/>,
/// <see cref="OnFunctions.ReconciliationSettingsOnFunctions"/>): a start-up log line each, and
/// <c>GET /api/health/details</c>; when off, the settings that turn it on are named, and no key's value is ever shown.
/// </summary>
public abstract class ReconciliationSettingsContract(IContractHosts hosts) : IAsyncLifetime
{
    private readonly List<IContractHost> _started = [];
    private const string PhantomFlowKey = "pf-key-SECRET-4f0a9c";
    private const string Json2VideoKey = "j2v-key-SECRET-77b1e2";

    [Fact]
    public async Task NoApiKeys_DetailsAndStartupLogSayOffAndNameTheSettings()
    {
        var host = await StartAsync();

        var reconciliation = await ReconciliationAsync(host);

        Assert.False(reconciliation.GetProperty("phantomflow").GetProperty("enabled").GetBoolean());
        Assert.Equal(
            ["RenderHooks:PhantomFlow:BaseUrl", "RenderHooks:PhantomFlow:ApiKey"],
            reconciliation.GetProperty("phantomflow").GetProperty("missingSettings").EnumerateArray().Select(s => s.GetString()));
        Assert.False(reconciliation.GetProperty("json2video").GetProperty("enabled").GetBoolean());
        Assert.Equal(["RenderHooks:Json2Video:ApiKey"], reconciliation.GetProperty("json2video").GetProperty("missingSettings").EnumerateArray().Select(s => s.GetString()));

        var log = await Eventually.GetAsync(() => Task.FromResult(host.Logs.AllText), t => t.Contains("Reconciliation of json2video", StringComparison.Ordinal), "the start-up log");
        Assert.Contains("Reconciliation of phantomflow jobs is off", log, StringComparison.Ordinal);
        Assert.Contains("Set RenderHooks:PhantomFlow:BaseUrl and RenderHooks:PhantomFlow:ApiKey to turn it on", log, StringComparison.Ordinal);
        Assert.Contains("Reconciliation of json2video jobs is off", log, StringComparison.Ordinal);
        Assert.Contains("Set RenderHooks:Json2Video:ApiKey to turn it on", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeysSet_DetailsAndStartupLogSayOn_NoKeyShown()
    {
        var host = await StartAsync(new Dictionary<string, string?>
        {
            ["RenderHooks:PhantomFlow:BaseUrl"] = "https://api.phantomflow.example",
            ["RenderHooks:PhantomFlow:ApiKey"] = PhantomFlowKey,
            ["RenderHooks:Json2Video:ApiKey"] = Json2VideoKey,
        });

        var (reconciliation, text) = await DetailsAsync(host);

        foreach (var provider in new[] { "phantomflow", "json2video" })
        {
            Assert.True(reconciliation.GetProperty(provider).GetProperty("enabled").GetBoolean());
            Assert.False(reconciliation.GetProperty(provider).TryGetProperty("missingSettings", out _));
        }

        var log = await Eventually.GetAsync(() => Task.FromResult(host.Logs.AllText), t => t.Contains("Reconciliation of json2video", StringComparison.Ordinal), "the start-up log");
        Assert.Contains("Reconciliation of phantomflow jobs is on", log, StringComparison.Ordinal);
        Assert.Contains("Reconciliation of json2video jobs is on", log, StringComparison.Ordinal);
        foreach (var secret in new[] { PhantomFlowKey, Json2VideoKey })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenHealthRoute_SaysNothingOfReconciliation()
    {
        var host = await StartAsync();

        var body = await host.Client.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _started)
        {
            await host.DeleteStorageAsync();
            await host.DisposeAsync();
        }
    }

    private async Task<IContractHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await hosts.StartAsync(settings);
        _started.Add(host);
        return host;
    }

    private static async Task<JsonElement> ReconciliationAsync(IContractHost host) => (await DetailsAsync(host)).Reconciliation;

    private static async Task<(JsonElement Reconciliation, string Text)> DetailsAsync(IContractHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health/details");
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement.Clone();
        ContractJson.AssertConventions(body);
        return (body.GetProperty("reconciliation"), text);
    }
}
