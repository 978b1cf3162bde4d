using System.Text;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Resilience;

/// <summary>
/// Storage goes away while webhooks arrive and comes back: Azurite, with its data on disk, is stopped under load and
/// started again (<see cref="StorageOutage"/>). The contract on both sides of the outage: a webhook answered 200 is
/// never lost — it is archived and, if it parses, its job's state is published under that state's stable event id;
/// any other webhook is answered 503 with <c>Retry-After</c> (and sent again, as PhantomFlow does). Publishing is at
/// least once, as the design says: a delivery whose lease ran out while storage was down is processed twice at once
/// when it is back, and a write whose answer the outage swallowed is made again; every copy carries the same id.
/// </summary>
[Collection(ResilienceCollection.Name)]
[Trait("Category", ResilienceCollection.Category)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Senders = 8;

    /// <summary>Deliveries accepted before the outage, and again after it, before the senders stop.</summary>
    private const int AcceptedPerPhase = 150;

    /// <summary>503s collected while storage is down before it is started again.</summary>
    private const int RefusalsDuringOutage = 40;

    /// <summary>The least time storage stays down, so processing is cut short too and its retries wait for storage.</summary>
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task StorageStoppedAndRestartedUnderLoad_EveryAcknowledgedDeliveryArchivedAndPublished_EveryOtherAnswered503()
    {
        await using var storageOutage = await StorageOutage.CreateAsync();
        await using var server = new ServerFactory(
            storageOutage.ConnectionString,
            PersistentAzurite.NewNames(),
            // Shorter than the outage and the storage clients' retries, so some deliveries in process when storage
            // went away lose their lease and are processed twice at once when it is back; a message whose processing
            // failed reappears within 5 s.
            new Dictionary<string, string?> { ["RenderHooks:QueueListener:MessageLease"] = "00:00:05" });
        var senders = new WebhookSenders(await server.CreateHealthyClientAsync(), Senders);

        senders.Start();
        try
        {
            await senders.WaitForAcceptedAsync(AcceptedPerPhase, $"{AcceptedPerPhase} deliveries accepted before the outage");
            await storageOutage.BeginAsync();
            var acceptedBeforeOutage = senders.Accepted.Count;
            await Task.WhenAll(
                Task.Delay(MinimumOutage),
                senders.WaitForRefusedAsync(RefusalsDuringOutage, $"{RefusalsDuringOutage} webhooks refused while storage is down"));
            var acceptedDuringOutage = senders.Accepted.Count - acceptedBeforeOutage;
            await storageOutage.EndAsync();
            var acceptedAtRestart = senders.Accepted.Count;
            await senders.WaitForAcceptedAsync(acceptedAtRestart + AcceptedPerPhase, $"{AcceptedPerPhase} deliveries accepted after the restart");
            output.WriteLine(
                $"Accepted before the outage: {acceptedBeforeOutage}; while storage was down: {acceptedDuringOutage}; refused while it was down: {senders.Refusals.Count}.");
        }
        catch
        {
            await senders.AbortAsync();
            throw;
        }

        await senders.StopAsync();

        // The answers: 200 with a delivery id, or 503 with Retry-After, nothing else.
        Assert.Empty(senders.Unexpected);
        Assert.NotEmpty(senders.Refusals);
        Assert.All(senders.Refusals, retryAfter => Assert.True(retryAfter > TimeSpan.Zero, "every 503 carries Retry-After"));

        var storage = server.Storage;
        await Eventually.GetAsync(
            () => storage.DeliveriesQueue.CountAsync(), left => left == 0, "the deliveries queue to drain", TimeSpan.FromMinutes(3));
        Assert.Equal(0, await storage.PoisonQueue.CountAsync());

        var accepted = senders.Accepted;
        var valid = accepted.Values.Where(w => w.IsValid).ToList();
        var archived = await PipelineContents.ArchivedDeliveriesAsync(storage);
        var events = await PipelineContents.ReceiveAllEventsAsync(storage);
        var jobs = (await PipelineContents.JobsAsync(storage, ["phantomflow", "json2video"])).ToDictionary(j => (j.Provider, j.JobId));
        output.WriteLine(
            $"Acknowledged (200): {accepted.Count} ({valid.Count} valid, {accepted.Count - valid.Count} unparseable); refused (503): {senders.Refusals.Count}. " +
            $"Archived: {archived.Count} ({archived.Keys.Except(accepted.Keys).Count()} of deliveries answered 503 that storage had kept nonetheless). " +
            $"Events: {events.Count} for {valid.Count} jobs ({events.GroupBy(e => e.EventId).Count(g => g.Count() > 1)} jobs' event published more than once, with its one id).");

        // Nothing acknowledged is lost: every 200 is archived, with what processing made of it.
        Assert.All(accepted, delivery =>
        {
            Assert.True(archived.TryGetValue(delivery.Key, out var row), $"delivery {delivery.Key} (answered 200) is archived");
            var webhook = delivery.Value;
            if (webhook.IsValid)
            {
                Assert.Equal(JobKeys.DeliveriesPartition(webhook.Provider, webhook.JobId!), row.PartitionKey);
                Assert.Contains(row.GetString("Outcome"), new[] { nameof(ProcessingOutcome.Recorded), nameof(ProcessingOutcome.Duplicate) });
            }
            else
            {
                Assert.Equal(JobKeys.UnparsedPartition(webhook.Provider), row.PartitionKey);
                Assert.Equal(nameof(ProcessingOutcome.Unparseable), row.GetString("Outcome"));
            }
        });

        // Every body larger than a queue message is in the archive: in its row, or in the blob its row references.
        await PipelineContents.AssertPayloadsSettledAsync(storage, accepted.Select(d => (d.Key, Encoding.UTF8.GetByteCount(d.Value.Body))), archived);

        // Every valid webhook's job recorded with its state and published under that state's one stable id; nothing else published.
        Assert.Equal(valid.Select(w => (w.Provider, w.JobId!)).ToHashSet(), jobs.Keys.ToHashSet());
        var published = events.GroupBy(e => (e.Provider, e.JobId)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(jobs.Keys.ToHashSet(), published.Keys.ToHashSet());
        Assert.All(valid, w =>
        {
            Assert.Equal(w.Status, jobs[(w.Provider, w.JobId!)].Status?.ToText());
            Assert.All(published[(w.Provider, w.JobId!)], e => Assert.Equal(w.ExpectedEventId, e.EventId));
        });
    }
}
