using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderHooks.Events;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>Stopping the server mid-backlog loses nothing: what it did not finish is still in the queue for the next start.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GracefulShutdownTests(AzuriteFixture azurite)
{
    private const int Jobs = 40;

    [Fact]
    public Task ServerStoppedGracefullyMidBacklog_Restarted_EveryJobRecordedAndPublished() =>
        StopMidBacklogThenRestartAsync(shutdownTimeout: TimeSpan.FromSeconds(30));

    [Fact]
    public Task ServerStoppedWithNoTimeToFinish_Restarted_EveryJobRecordedAndPublished() =>
        // No shutdown time at all: every message in flight is cut short and must come back when its lease ends.
        StopMidBacklogThenRestartAsync(shutdownTimeout: TimeSpan.Zero);

    private async Task StopMidBacklogThenRestartAsync(TimeSpan shutdownTimeout)
    {
        var jobIds = Enumerable.Range(0, Jobs).Select(_ => TestPayloads.NewPhantomFlowJobId()).ToList();
        var settings = new Dictionary<string, string?>
        {
            ["RenderHooks:QueueListener:MessageLease"] = "00:00:03",
            ["RenderHooks:QueueListener:RetryDelay"] = "00:00:05",
        };
        var first = new ServerFactory(azurite, settings, services: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout));
        var names = first.Names;
        var client = await first.CreateHealthyClientAsync();

        // The first server can record but never publish, so no delivery can finish before it stops: the backlog is certain.
        await first.Storage.EventsQueue.DeleteIfExistsAsync();

        var refused = 0;
        var responses = await Task.WhenAll(jobIds.Select(id => ProviderRetry.PostAsync(
            client,
            $"/api/hooks/phantomflow/{ServerFactory.Token}",
            () => new StringContent(TestPayloads.PhantomFlowCompleted(id), Encoding.UTF8, "application/json"),
            () => Interlocked.Increment(ref refused))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Eventually.GetAsync(
            () => Task.FromResult(first.Logs.Lines.Count(l => l.Contains("failed on attempt", StringComparison.Ordinal))),
            failures => failures >= 5,
            "the first server to be at work on the backlog");
        var storage = first.Storage;
        await first.DisposeAsync();
        Assert.InRange(await storage.DeliveriesQueue.CountAsync(), Jobs, Jobs + refused); // a 503 whose write had landed is one more
        await storage.EventsQueue.CreateIfNotExistsAsync();

        await using var second = new ServerFactory(azurite, settings, names: names);
        second.CreateClient();
        try
        {
            var expected = jobIds.Select(id => EventIds.For("phantomflow", id, "completed", false)).ToHashSet();
            var received = new Dictionary<string, string>();
            var published = await Eventually.GetAsync(
                () => ReceiveEventIdsAsync(second, received),
                ids => ids.Distinct().Count() >= Jobs,
                $"{Jobs} distinct events after the restart",
                TimeSpan.FromSeconds(90));

            // At least once, never a new id: a redelivered event repeats its id.
            Assert.True(expected.SetEquals(published), "every published event id is the stable id of one of the jobs");
            await Eventually.GetAsync(() => second.Storage.DeliveriesQueue.CountAsync(), n => n == 0, "an empty deliveries queue");
        }
        finally
        {
            await second.DeleteStorageAsync();
        }
    }

    /// <summary>Receives (and keeps hidden) every event now visible, adding to <paramref name="received"/>: a peek sees only the first 32.</summary>
    private static async Task<IReadOnlyCollection<string>> ReceiveEventIdsAsync(ServerFactory server, Dictionary<string, string> received)
    {
        while (true)
        {
            QueueMessage[] batch = await server.Storage.EventsQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return received.Values;
            }

            foreach (var message in batch)
            {
                received[message.MessageId] = JsonDocument.Parse(message.Body.ToMemory()).RootElement.GetProperty("eventId").GetString()!;
            }
        }
    }
}
