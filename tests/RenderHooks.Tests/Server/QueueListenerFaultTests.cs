using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server's queue consumer when storage fails under it, with real faults: the queue endpoint cut off (a relay),
/// an answer storage is made to give (a proxy in front of Azurite), the poison queue deleted. Each failure is logged
/// with its stable event id, nothing is lost, and the consumer goes on once storage is back.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerFaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Poll_QueueEndpointCutOff_LoggedAndPollingResumesOnceItIsBack()
    {
        await using var relay = new TcpRelay(azurite.QueuePort);
        relay.Open();
        var connectionString = azurite.ConnectionString.Replace($":{azurite.QueuePort}/", $":{relay.Port}/", StringComparison.Ordinal);
        await using var server = new ServerFactory(azurite, connectionString: connectionString);
        var client = await server.CreateHealthyClientAsync();
        try
        {
            await relay.CutAsync();
            var failed = await Eventually.GetAsync(
                () => Task.FromResult(server.Logs.Entries.FirstOrDefault(e => e.EventId.Id == 3004)), e => e is not null, "a failed poll to be logged", TimeSpan.FromMinutes(1));
            relay.Open();

            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, failed!.Level);
            Assert.Contains($"Polling queue {server.Names.DeliveriesQueue} failed", failed.Message, StringComparison.Ordinal);
            Assert.True(StorageErrors.IsStorageFailure(failed.Exception!));
            Assert.Contains($"Queue '{server.Names.DeliveriesQueue}' did not answer", failed.Exception!.Message, StringComparison.Ordinal);

            // Polling went on: a webhook sent once the endpoint is back is processed and published.
            var jobId = TestPayloads.NewPhantomFlowJobId();
            await PostAsync(client, jobId);
            var published = await Eventually.GetAsync(() => server.Storage.EventsQueue.PeekAsync(), m => m.Length > 0, "the event");
            Assert.Contains(EventIds.For("phantomflow", jobId, "completed", false), Assert.Single(published).Body.ToString(), StringComparison.Ordinal);
            Assert.False(server.Logs.Has(3010), "a storage failure is not logged as unexpected");
        }
        finally
        {
            if (!relay.IsOpen)
            {
                relay.Open();
            }

            await server.DeleteStorageAsync();
        }
    }

    [Fact]
    public async Task Poll_AnsweredWithSomethingElseThanStorage_LoggedAsUnexpectedAndPollingGoesOn()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.QueuePort);
        var names = PipelineNames.Unique(azurite);
        var garbled = proxy.Garble(r => r.Method == "GET" && r.On(names.DeliveriesQueue) && r.Path.EndsWith("/messages", StringComparison.Ordinal), times: 2);
        await using var server = new ServerFactory(proxy.Redirect(azurite.ConnectionString, azurite.QueuePort), names);
        var client = await server.CreateHealthyClientAsync();
        try
        {
            var jobId = TestPayloads.NewPhantomFlowJobId();
            await PostAsync(client, jobId);
            var published = await Eventually.GetAsync(() => server.Storage.EventsQueue.PeekAsync(), m => m.Length > 0, "the event, once polls are answered by storage again");

            Assert.Equal(2, garbled.Matched);
            var unexpected = server.Logs.Entries.Where(e => e.EventId.Id == 3010).ToList();
            Assert.Equal(2, unexpected.Count);
            Assert.All(unexpected, e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, e.Level));
            Assert.All(unexpected, e => Assert.Contains($"Polling queue {names.DeliveriesQueue} failed unexpectedly", e.Message, StringComparison.Ordinal));
            Assert.Contains(EventIds.For("phantomflow", jobId, "completed", false), Assert.Single(published).Body.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    [Fact]
    public async Task Delete_StorageRefusesIt_LoggedAndTheMessageIsProcessedAgainChangingNothing()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.QueuePort);
        var names = PipelineNames.Unique(azurite);
        // The identity may read and update messages but not delete them (a role short of Queue Data Contributor), once.
        var refused = proxy.Fail(r => r.Method == "DELETE" && r.On(names.DeliveriesQueue) && r.Path.Contains("/messages/", StringComparison.Ordinal), 403, "AuthorizationPermissionMismatch", times: 1);
        await using var server = new ServerFactory(
            proxy.Redirect(azurite.ConnectionString, azurite.QueuePort), names, new Dictionary<string, string?> { ["RenderHooks:QueueListener:MessageLease"] = "00:00:02" });
        var client = await server.CreateHealthyClientAsync();
        try
        {
            var jobId = TestPayloads.NewPhantomFlowJobId();
            var deliveryId = await PostAsync(client, jobId);

            var failed = await Eventually.GetAsync(
                () => Task.FromResult(server.Logs.Entries.FirstOrDefault(e => e.EventId.Id == 3009)), e => e is not null, "the failed delete to be logged");
            await Eventually.GetAsync(() => server.Storage.DeliveriesQueue.CountAsync(), left => left == 0, "the message to be processed again and deleted");

            Assert.Equal(1, refused.Matched);
            Assert.Contains("could not be deleted", failed!.Message, StringComparison.Ordinal);
            Assert.Contains("answered 403 AuthorizationPermissionMismatch", failed.Exception!.Message, StringComparison.Ordinal);
            var archived = await server.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("phantomflow", jobId), deliveryId);
            Assert.Equal("Recorded", archived!.GetString("Outcome"));
            Assert.True(archived.GetInt64("DequeueCount") >= 2, $"processed again (attempt {archived.GetInt64("DequeueCount")})");
            var job = await server.Services.GetRequiredService<JobQueries>().GetAsync("phantomflow", jobId);
            Assert.Equal(("completed", 1, false), (job!.Status, job.DeliveryCount, job.EventPending));
            Assert.Single(await server.Storage.EventsQueue.PeekAsync());
            Assert.Equal(0, await server.Storage.PoisonQueue.CountAsync());
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    [Fact]
    public async Task Poison_PoisonQueueDeleted_MoveFailureLogged_MessageKeptAndMovedOnceTheQueueIsBack()
    {
        await using var server = new ServerFactory(azurite, new Dictionary<string, string?>
        {
            ["RenderHooks:QueueListener:MaxDequeueCount"] = "2",
            ["RenderHooks:QueueListener:MessageLease"] = "00:00:02",
        });
        var client = await server.CreateHealthyClientAsync();
        try
        {
            // Every attempt fails (no jobs table), and the queue the last one moves it to is gone too.
            await server.Storage.JobsTable.DeleteAsync();
            await server.Storage.PoisonQueue.DeleteAsync();
            var jobId = TestPayloads.NewPhantomFlowJobId();
            var deliveryId = await PostAsync(client, jobId);

            var moveFailed = await Eventually.GetAsync(
                () => Task.FromResult(server.Logs.Entries.FirstOrDefault(e => e.EventId.Id == 3011)), e => e is not null, "the failed move to be logged");
            Assert.Contains($"Could not move message", moveFailed!.Message, StringComparison.Ordinal);
            Assert.Contains(server.Names.PoisonQueue, moveFailed.Message, StringComparison.Ordinal);
            Assert.Contains($"Queue '{server.Names.PoisonQueue}' answered 404 QueueNotFound", moveFailed.Exception!.Message, StringComparison.Ordinal);
            Assert.Equal(1, await server.Storage.DeliveriesQueue.CountAsync()); // still there, not lost

            // Once the poison queue is back, the message's next receipt (over its attempts by then) moves it, intact.
            await server.Storage.PoisonQueue.CreateIfNotExistsAsync();
            var poisoned = await Eventually.GetAsync(() => server.Storage.PoisonQueue.PeekAsync(), m => m.Length > 0, "the message in the poison queue");
            await Eventually.GetAsync(() => server.Storage.DeliveriesQueue.CountAsync(), left => left == 0, "the message to leave the deliveries queue");

            Assert.True(DeliveryEnvelopeSerializer.TryDeserialize(Assert.Single(poisoned).Body, out var envelope, out _));
            Assert.Equal(deliveryId, envelope.DeliveryId);
            Assert.Contains(jobId, Encoding.UTF8.GetString(envelope.Body), StringComparison.Ordinal);
            Assert.True(server.Logs.Has(3008) || server.Logs.Has(3003), "the move is logged");
            Assert.Empty(await server.Storage.EventsQueue.PeekAsync());
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    private static async Task<string> PostAsync(HttpClient client, string jobId)
    {
        using var content = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json");
        var response = await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("deliveryId").GetString()!;
    }
}
