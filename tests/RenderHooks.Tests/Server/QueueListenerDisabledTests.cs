using System.Net;
using System.Text;
using RenderHooks.Events;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary><c>RenderHooks:QueueListener:Enabled=false</c>: the server takes webhooks but leaves them in the queue for another consumer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerDisabledTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ListenerDisabled_WebhookAccepted_DeliveryWaitsUntilAServerThatProcessesStarts()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var disabled = new ServerFactory(azurite, new Dictionary<string, string?> { ["RenderHooks:QueueListener:Enabled"] = "false" });
        var names = disabled.Names;
        var client = await disabled.CreateHealthyClientAsync();

        using var content = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json");
        var response = await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The listener decides once, at start, and says so before it returns without polling: once its line is logged,
        // nothing in this server will ever receive the message, so a dequeue count of 0 is final, not early.
        await Eventually.GetAsync(() => Task.FromResult(disabled.Logs.Has(3012)), logged => logged, "the listener's 'not processing' line");
        Assert.Contains(disabled.Logs.Lines, l => l.Contains("Not processing queue " + names.DeliveriesQueue, StringComparison.Ordinal));
        Assert.DoesNotContain(disabled.Logs.Entries, e => e.EventId.Id == 3001); // never started listening
        var waiting = Assert.Single(await disabled.Storage.DeliveriesQueue.PeekAsync());
        Assert.Equal(0, waiting.DequeueCount);
        Assert.Empty(await disabled.Storage.EventsQueue.PeekAsync());
        await disabled.DisposeAsync();

        await using var enabled = new ServerFactory(azurite, names: names);
        try
        {
            enabled.CreateClient();
            var events = await Eventually.GetAsync(() => enabled.Storage.EventsQueue.PeekAsync(), m => m.Length > 0, "the event once a server processes");
            var published = Assert.Single(events);
            Assert.Contains(EventIds.For("phantomflow", jobId, "completed", false), published.Body.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await enabled.DeleteStorageAsync();
        }
    }
}
