using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// A message on the deliveries queue that is not base64 (another writer's) next to real deliveries: the server
/// processes the deliveries, moves the stray message to the poison queue with an error that says why, and loses
/// nothing: moved back once inspected, it is archived, byte for byte, as unreadable.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UndecodableDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NonBase64Message_AmongDeliveries_PoisonedWithTheReasonThenArchivedOnceRequeued()
    {
        const string stray = "<not base64 & not a delivery>";
        var names = PipelineNames.Unique(azurite);
        var storage = azurite.CreateStorage(names);
        await storage.CreateIfNotExistsAsync();
        await azurite.Account.CreateQueueServiceClient(new QueueClientOptions(StorageClientDefaults.QueueServiceVersion))
            .GetQueueClient(names.DeliveriesQueue)
            .SendMessageAsync(stray);

        await using var server = new ServerFactory(azurite, names: names);
        try
        {
            var client = server.CreateClient();
            var jobId = TestPayloads.NewPhantomFlowJobId();
            using var content = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content)).StatusCode);

            var events = await Eventually.GetAsync(() => server.Storage.EventsQueue.PeekBodiesAsync(), e => e.Count > 0, "the webhook's event");
            Assert.Contains(EventIds.For("phantomflow", jobId, "completed", false), Assert.Single(events).ToString(), StringComparison.Ordinal);
            var poisoned = await Eventually.GetAsync(() => server.Storage.PoisonQueue.PeekBodiesAsync(), p => p.Count > 0, "the stray message in the poison queue");
            Assert.Equal(stray, Assert.Single(poisoned).ToString());
            var error = Assert.Single(server.Logs.Lines, l => l.Contains("is not base64", StringComparison.Ordinal));
            Assert.StartsWith("Error", error, StringComparison.Ordinal);
            Assert.Contains(names.PoisonQueue, error, StringComparison.Ordinal);

            // Inspected and sent back (requeue-poison): now base64, it reaches processing, which keeps it as unreadable.
            Assert.Equal(1, await server.Services.GetRequiredService<PoisonRequeuer>().RequeueAsync());
            var archived = await Eventually.GetAsync(
                async () => await server.Storage.DeliveriesTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"~unreadable"}")),
                rows => rows.Count > 0,
                "the stray message archived as unreadable");
            var row = Assert.Single(archived);
            Assert.Equal(Encoding.UTF8.GetBytes(stray), row.GetBinary("Body"));
            Assert.Equal("Unreadable", row.GetString("Outcome"));
            Assert.False(string.IsNullOrEmpty(row.GetString("Reason")));
            Assert.Equal(0, await server.Storage.PoisonQueue.CountAsync());
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }
}
