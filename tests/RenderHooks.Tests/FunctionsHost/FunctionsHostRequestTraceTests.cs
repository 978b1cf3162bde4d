using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RenderHooks.Tests.Deployment;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// No webhook token in the host's own log output. The host's SystemTraceMiddleware logs every request it receives
/// ("Executing HTTP request", category <c>Microsoft.Azure.WebJobs.Script.WebHost.Middleware.SystemTraceMiddleware</c>,
/// event 527, Information), URL path included, through the web host's logger factory: its system log (the
/// <c>MS_FUNCTION_LOGS</c> lines) and the buffer that forwards startup logs to the script host's providers. That factory
/// reads no host.json; the <c>Logging__…</c> rules of local.settings.sample.json (which the deployment writes as app
/// settings, checked by <see cref="InfraSettingsTests"/>) turn the category off. The app runs under the real host with
/// those settings, accepted and refused webhooks are sent, the host is stopped, and every line it and its worker wrote
/// is searched.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
[Trait("Category", FunctionsHostCollection.Category)]
public sealed class FunctionsHostRequestTraceTests(FunctionsApp app, ITestOutputHelper output)
{
    private const string Token = "request-trace-test-token-0123456789";
    private const string WrongToken = "wrong-request-trace-token-abcdefghij";

    [FunctionsHostFact]
    public async Task Webhooks_AcceptedAndRefused_TheHostsOutputHoldsNoToken()
    {
        var logging = InfraFiles.SampleSettings().Where(s => s.Key.StartsWith("Logging__", StringComparison.Ordinal)).ToList();
        output.WriteLine($"Logging settings of local.settings.sample.json: {string.Join(", ", logging.Select(s => $"{s.Key}={s.Value}"))}");
        var lines = new ConcurrentQueue<string>();
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var settings = logging.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new("RenderHooks:WebhookTokens:0", Token));
            await using var host = await FunctionsHost.StartAsync(app, azurite.ConnectionString, settings, lines.Enqueue);
            output.WriteLine($"Host: {host.Description}; app {app.How}.");

            using (var client = host.CreateClient())
            {
                var jobId = TestPayloads.NewPhantomFlowJobId();
                Assert.Equal(HttpStatusCode.NotFound, await PostAsync(client, "phantomflow", WrongToken, TestPayloads.PhantomFlowCompleted(jobId)));
                Assert.Equal(HttpStatusCode.NotFound, await PostAsync(client, "runway", Token, TestPayloads.PhantomFlowCompleted(jobId)));
                Assert.Equal(HttpStatusCode.OK, await PostAsync(client, "phantomflow", Token, TestPayloads.PhantomFlowCompleted(jobId)));
                await Eventually.GetAsync(new AppStorage(azurite.ConnectionString).EventsAsync, events => events.Count >= 1, "the accepted webhook's event", TimeSpan.FromSeconds(60));
            }

            Assert.True(await host.StopAsync(TimeSpan.FromSeconds(60)), "the host and its worker stopped gracefully on SIGTERM");
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        var all = lines.ToList();
        output.WriteLine($"{all.Count} lines captured, {all.Count(l => l.StartsWith("MS_FUNCTION_LOGS", StringComparison.Ordinal))} of them the host's system log.");
        var leaks = all.Where(l => l.Contains(Token, StringComparison.Ordinal) || l.Contains(WrongToken, StringComparison.Ordinal)).ToList();
        foreach (var leak in leaks.Take(5))
        {
            output.WriteLine($"LEAK: {leak}");
        }

        Assert.Empty(leaks);

        // The output was captured: the host's system log, and the host's lines about the three webhook invocations.
        Assert.Contains(all, l => l.StartsWith("MS_FUNCTION_LOGS", StringComparison.Ordinal));
        Assert.True(all.Count(l => l.Contains("Executed 'Functions.ReceiveWebhook'", StringComparison.Ordinal)) >= 3, "the host logged the three webhook invocations");
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string provider, string token, string body)
    {
        using var response = await client.PostAsync(new Uri($"/api/hooks/{provider}/{token}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }
}
