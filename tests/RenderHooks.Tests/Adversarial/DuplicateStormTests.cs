using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// The same delivery a thousand times from fifty concurrent senders, plus queue messages delivered again as the
/// Functions host redelivers one whose acknowledgement was lost: one job, one event, every delivery archived once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DuplicateStormTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Senders = 50;
    private const int PostsPerSender = 20;
    private const int Deliveries = Senders * PostsPerSender;

    /// <summary>Archived deliveries whose queue message is sent again, twice, while the storm goes on.</summary>
    private const int RedeliveredDuringStorm = 100;

    /// <summary>More sent again once the storm is over, with the delivery that recorded the job among them.</summary>
    private const int RedeliveredAfterStorm = 50;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task SameDeliveryAThousandTimesFromFiftySenders_PlusRedeliveredMessages_OneJobOneEvent()
    {
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: true, traceLogging: false);
        var storage = server.Storage;
        var jobs = server.Factory.Services.GetRequiredService<JobQueries>();
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowCompleted(jobId);
        var partition = "phantomflow|" + TableKey.Encode(jobId);
        var copies = new ConcurrentDictionary<string, ConcurrentBag<string>>(); // delivery id → ids of the messages sent again

        var unavailable = 0;
        var storm = Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAsync(server.Client, body, () => Interlocked.Increment(ref unavailable))));
        // Messages are sent again only once their delivery was processed (archived, and the job's one event is out):
        // the lost acknowledgement of a finished delivery, which is what makes a queue deliver a message again.
        await Eventually.GetAsync(() => jobs.GetAsync("phantomflow", jobId), j => j is { EventPending: false }, "the job's event to be published", Deadline);
        while (copies.Count < RedeliveredDuringStorm && !storm.IsCompleted)
        {
            var archived = await ArchivedAsync(storage, partition);
            await RedeliverAsync(storage, archived.Where(r => r.GetString("Outcome") == "Duplicate" && !copies.ContainsKey(r.RowKey)).Take(RedeliveredDuringStorm - copies.Count), copies);
        }

        var duringStorm = copies.Count;
        var deliveryIds = (await storm).SelectMany(ids => ids).ToList();
        var all = await Eventually.GetAsync(
            () => ArchivedAsync(storage, partition),
            rows => !deliveryIds.Except(rows.Select(r => r.RowKey), StringComparer.Ordinal).Any(),
            "every accepted delivery archived",
            Deadline);
        var recording = Assert.Single(all, r => r.GetString("Outcome") == "Recorded");
        await RedeliverAsync(storage, [recording, .. all.Where(r => r != recording && !copies.ContainsKey(r.RowKey)).Take(RedeliveredAfterStorm - 1)], copies);
        await Eventually.GetAsync(() => storage.DeliveriesQueue.CountAsync(), count => count == 0, "the deliveries queue to drain", Deadline);

        Assert.Equal(Deliveries, deliveryIds.Distinct(StringComparer.Ordinal).Count());
        Assert.True(copies.Count >= RedeliveredAfterStorm, $"{copies.Count} deliveries sent again");
        var archive = await ArchivedAsync(storage, partition);
        // What is guaranteed: every delivery answered 200 is archived. A 503 whose queue write had landed anyway (it timed
        // out on a loaded machine after Azurite stored it) is a delivery too, sent again by its sender: at least once, so
        // between one row per 200 and one more per 503. Whichever rows there are, one recorded the job, the rest are duplicates.
        Assert.Empty(deliveryIds.Except(archive.Select(r => r.RowKey), StringComparer.Ordinal));
        Assert.InRange(archive.Count, Deliveries, Deliveries + unavailable);
        Assert.Equal(recording.RowKey, Assert.Single(archive, r => r.GetString("Outcome") == "Recorded").RowKey);
        Assert.All(archive.Where(r => r.RowKey != recording.RowKey), r => Assert.Equal("Duplicate", r.GetString("Outcome")));
        // Every message sent again was processed (its row names it) and changed nothing but that.
        Assert.All(copies, c =>
        {
            var row = archive.Single(r => r.RowKey == c.Key);
            Assert.True(c.Value.Contains(row.GetString("MessageId")), $"{c.Key} last processed from message {row.GetString("MessageId")} (attempt {row.GetInt64("DequeueCount")})");
        });

        var job = await jobs.GetAsync("phantomflow", jobId);
        Assert.Equal((archive.Count, "completed", false), (job!.DeliveryCount, job.Status, job.EventPending));
        Assert.Single(await storage.JobsTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"phantomflow"}")));
        // The job stays scheduled for its check. A delivery writes the due-date row of the job it tries to insert before
        // it learns the job exists, so duplicates leave rows of their own (one per second at most, rows being keyed by
        // the second): hints that reconciliation removes once they are old, never a second job.
        var index = await storage.JobsTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"~due|phantomflow"}"));
        Assert.All(index, row => Assert.EndsWith("|" + TableKey.Encode(jobId), row.RowKey, StringComparison.Ordinal));
        Assert.Contains(index, row => row.RowKey == DueIndex.RowKey(job.NextCheckAt!.Value, jobId));
        output.WriteLine($"{deliveryIds.Count} deliveries answered 200, {archive.Count} archived; {duringStorm} sent again during the storm and {copies.Count - duringStorm} after, twice each; {index.Count} due-date rows; {unavailable} answers 503 retried");
        var published = await TakeAllAsync(storage.EventsQueue);
        var only = Assert.Single(published);
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", verified: false), only.GetProperty("eventId").GetString());
        Assert.Equal(job.LastEventId, only.GetProperty("eventId").GetString());
        Assert.Equal(0, await storage.PoisonQueue.CountAsync());
        Assert.Empty(await storage.DeliveriesTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"phantomflow|~unparsed"}")));
    }

    /// <summary>
    /// One sender: posts the body until it has been accepted <see cref="PostsPerSender"/> times; returns the delivery ids.
    /// A 503 (the queue write timed out on a loaded machine) is retried, as PhantomFlow retries it; nothing else is.
    /// </summary>
    private static async Task<List<string>> SendAsync(HttpClient client, string body, Action retried)
    {
        await Task.Yield();
        var ids = new List<string>();
        while (ids.Count < PostsPerSender)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.PostAsync(RawRequest.Hook(), content);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                retried();
                await Task.Delay(200);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!);
        }

        return ids;
    }

    /// <summary>Sends each archived delivery's queue message again, twice, rebuilt from what the archive kept of it.</summary>
    private static async Task RedeliverAsync(RenderHooksStorage storage, IEnumerable<TableEntity> rows, ConcurrentDictionary<string, ConcurrentBag<string>> copies)
    {
        foreach (var row in rows)
        {
            var message = DeliveryEnvelopeSerializer.Serialize(new DeliveryEnvelope
            {
                DeliveryId = row.GetString("DeliveryId")!,
                Provider = row.GetString("Provider")!,
                ReceivedAt = row.GetDateTimeOffset("ReceivedAt")!.Value,
                ContentType = row.GetString("ContentType")!,
                Body = row.GetBinary("Body")!,
            });
            var sent = copies.GetOrAdd(row.RowKey, _ => []);
            for (var copy = 0; copy < 2; copy++)
            {
                sent.Add((await storage.DeliveriesQueue.SendMessageAsync(message)).Value.MessageId);
            }
        }
    }

    private static Task<List<TableEntity>> ArchivedAsync(RenderHooksStorage storage, string partition) =>
        storage.DeliveriesTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));

    /// <summary>Takes every message off the events queue, parsed.</summary>
    private static async Task<List<JsonElement>> TakeAllAsync(QueueClient queue)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                all.Add(JsonDocument.Parse(message.Body.ToMemory()).RootElement.Clone());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
