using System.Net;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>Stopping the server mid-backlog loses nothing: what it did not finish is still in the queue for the next start.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GracefulShutdownTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ServerStoppedMidBacklog_Restarted_EveryDeliveryRecordedAndPublishedOnce()
    {
        const int jobs = 40;
        var jobIds = Enumerable.Range(0, jobs).Select(_ => TestPayloads.NewPhantomFlowJobId()).ToList();
        var first = new ServerFactory(azurite);
        var names = first.Names;
        var client = await first.CreateHealthyClientAsync();

        var responses = await Task.WhenAll(jobIds.Select(async id =>
        {
            using var content = new StringContent(TestPayloads.PhantomFlowCompleted(id), Encoding.UTF8, "application/json");
            return await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content);
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await first.DisposeAsync();

        await using var second = new ServerFactory(azurite, names: names);
        second.CreateClient();
        try
        {
            var events = await Eventually.GetAsync(
                async () => await CountEventsAsync(second),
                count => count >= jobs,
                $"{jobs} events after the restart",
                TimeSpan.FromSeconds(90));

            Assert.Equal(jobs, events);
            Assert.Equal(0, await second.Storage.DeliveriesQueue.GetApproximateMessageCountAsync());
        }
        finally
        {
            await second.DeleteStorageAsync();
        }
    }

    private static async Task<int> CountEventsAsync(ServerFactory server) =>
        await server.Storage.EventsQueue.GetApproximateMessageCountAsync();
}
