using System.Net;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// No webhook token reaches Application Insights from the host or the worker, measured the way the leak was found
/// (issue 14): the app under the real host with its ingestion endpoint pointed at an in-test sink, accepted and
/// refused webhooks sent, the telemetry flushed, every byte the sink received searched. The leak was the host's
/// dependency telemetry of its own call forwarding each request to the worker (<c>POST /api/hooks/{provider}/{token}</c>);
/// root host.json turns the host's dependency tracking off.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
[Trait("Category", FunctionsHostCollection.Category)]
public sealed class FunctionsHostTelemetryTests(FunctionsApp app, ITestOutputHelper output)
{
    private const string Token = "telemetry-test-token-0123456789";
    private const string WrongToken = "wrong-telemetry-token-abcdefghij";

    [FunctionsHostFact]
    public async Task Webhooks_AcceptedAndRefused_NoTelemetryItemFromHostOrWorkerHoldsTheToken()
    {
        await using var sink = await TelemetrySink.StartAsync();
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var host = await FunctionsHost.StartAsync(app, azurite.ConnectionString, new Dictionary<string, string?>
            {
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = sink.ConnectionString,
                ["RenderHooks:WebhookTokens:0"] = Token,
                // Timer runs keep the worker recording items after the webhooks, whatever the order processing takes.
                ["RenderHooks:Reconcile:Schedule"] = "*/5 * * * * *",
            });
            output.WriteLine($"Host: {host.Description}; app {app.How}.");
            try
            {
                await RunAsync(host, new AppStorage(azurite.ConnectionString), sink);
            }
            catch
            {
                output.WriteLine($"Output of {host.Description} (last lines):\n{host.RecentOutput}");
                throw;
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private async Task RunAsync(FunctionsHost host, AppStorage storage, TelemetrySink sink)
    {
        using var client = host.CreateClient();
        var accepted = new[]
        {
            ("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), "application/json"),
            ("phantomflow", TestPayloads.PhantomFlowFailed(TestPayloads.NewPhantomFlowJobId()), "application/json"),
            ("json2video", TestPayloads.Json2VideoCompletedForm(TestPayloads.NewJson2VideoProject()), "application/x-www-form-urlencoded"),
        };

        // Refused first (the token in the URL with a bad provider, media type or body; a wrong token), accepted last.
        var statuses = new List<HttpStatusCode>
        {
            await PostAsync(client, "runway", Token, accepted[0].Item2, "application/json"),
            await PostAsync(client, "phantomflow", Token, accepted[0].Item2, "text/plain"),
            await PostAsync(client, "phantomflow", Token, "", "application/json"),
            await PostAsync(client, "phantomflow", WrongToken, accepted[0].Item2, "application/json"),
        };
        foreach (var (provider, body, contentType) in accepted)
        {
            statuses.Add(await PostAsync(client, provider, Token, body, contentType));
        }

        var answered = DateTimeOffset.UtcNow;
        Assert.Equal(
            new[] { HttpStatusCode.NotFound, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK },
            statuses);
        await Eventually.GetAsync(storage.EventsAsync, events => events.Count >= accepted.Length, "the accepted webhooks' events", TimeSpan.FromSeconds(60));

        // The worker sends what it recorded every 30 s and does not flush when it stops (azure-functions-dotnet-worker#2379):
        // wait for a batch holding items recorded after the webhooks. The host flushes when it stops.
        await Eventually.GetAsync(
            () => Task.FromResult(sink.Items.Count(i => i.FromWorker && i.Time > answered)),
            count => count > 0,
            "the worker's telemetry recorded after the webhooks",
            TimeSpan.FromSeconds(90));
        Assert.True(await host.StopAsync(TimeSpan.FromSeconds(60)), "the host and its worker stopped gracefully on SIGTERM");

        var items = sink.Items.ToList();
        foreach (var group in items.GroupBy(i => (i.Source, i.Type)).OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key.Source,-6} {group.Key.Type,-22} {group.Count(),5}");
        }

        foreach (var dependency in items.Where(i => i.Type == "RemoteDependencyData").GroupBy(i => (i.Source, Kind: DependencyKind(i.Json))))
        {
            output.WriteLine($"  {dependency.Key.Source} dependencies of type {dependency.Key.Kind}: {dependency.Count()}");
        }

        output.WriteLine($"{items.Count} items in {sink.Bodies.Count} requests to the sink (track calls, Live Metrics pings, app id lookups).");
        var leaks = items.Where(i => i.Json.Contains(Token, StringComparison.Ordinal) || i.Json.Contains(WrongToken, StringComparison.Ordinal)).ToList();
        foreach (var leak in leaks.Take(5))
        {
            output.WriteLine($"LEAK ({leak.Source} {leak.Type}): {leak.Json}");
        }

        Assert.Empty(leaks);
        Assert.DoesNotContain(sink.Bodies, b => b.Contains(Token, StringComparison.Ordinal) || b.Contains(WrongToken, StringComparison.Ordinal));

        // Telemetry did arrive, from both processes, of every kind the webhooks make (none failed, so no exceptions are expected).
        Assert.Contains(items, i => !i.FromWorker && i.Type == "RequestData");
        Assert.Contains(items, i => !i.FromWorker && i.Type == "MessageData");
        Assert.Contains(items, i => !i.FromWorker && i.Type == "MetricData");
        Assert.Contains(items, i => i.FromWorker && i.Type == "RemoteDependencyData");
        Assert.Contains(items, i => i.FromWorker && i.Type == "MessageData");
    }

    /// <summary>A dependency item's <c>type</c> (Http, InProc, Azure queue, …).</summary>
    private static string DependencyKind(string json)
    {
        using var item = JsonDocument.Parse(json);
        return item.RootElement.GetProperty("data").GetProperty("baseData").TryGetProperty("type", out var type) ? type.GetString() ?? "?" : "?";
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string provider, string token, string body, string contentType)
    {
        using var response = await client.PostAsync(new Uri($"/api/hooks/{provider}/{token}", UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType));
        return response.StatusCode;
    }
}
