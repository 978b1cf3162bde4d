using System.Diagnostics;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Resilience;

/// <summary>
/// The server killed outright (SIGKILL: no shutdown code runs) in the middle of a backlog of a few thousand
/// deliveries, then started again: whatever each delivery's processing was cut short in — the job written but not
/// archived, archived but not published, published but the outbox not emptied, done but the message not deleted —
/// the restarted server finishes it. Every job is recorded once, every state published at least once, always with
/// its stable event id.
/// </summary>
[Collection(ResilienceCollection.Name)]
[Trait("Category", ResilienceCollection.Category)]
public sealed class ServerCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Jobs = 2_000;

    /// <summary>Every this-many-th job is delivered twice, as a provider's retry would: the second is a duplicate.</summary>
    private const int RepeatEvery = 8;

    [Fact]
    public async Task ServerKilledMidBacklog_Restarted_EveryJobRecordedOnceAndPublishedWithItsStableEventId()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var webhooks = Enumerable.Range(0, Jobs).Select(i => TestWebhook.Mix(i, withUnparseable: false)).ToList();
        var deliveries = webhooks.Concat(webhooks.Where((_, i) => i % RepeatEvery == 0)).ToList();
        Shuffle(deliveries);
        var clock = Stopwatch.StartNew();
        var refused = 0;
        var accepted = await EnqueueAsync(harness, deliveries, () => Interlocked.Increment(ref refused));
        output.WriteLine($"Backlog: {accepted.Count} deliveries of {Jobs} jobs put in the deliveries queue by intake in {clock.Elapsed.TotalSeconds:F1} s ({refused} refused and sent again).");

        var settings = ServerSettings(harness);
        await RunServerAsync(settings, until: () => Eventually.GetAsync(
            () => harness.Storage.EventsQueue.CountAsync(),
            published => published >= Jobs / 4,
            "a quarter of the jobs published before the kill",
            TimeSpan.FromMinutes(3)));
        var archivedAtKill = (await PipelineContents.ArchivedDeliveriesAsync(harness.Storage)).Count;
        var eventsAtKill = await harness.Storage.EventsQueue.CountAsync();
        var leftAtKill = await harness.Storage.DeliveriesQueue.CountAsync();
        output.WriteLine($"Killed: {archivedAtKill} deliveries archived, {eventsAtKill} events published, {leftAtKill} messages left in the queue.");
        Assert.True(leftAtKill > 0 && archivedAtKill < accepted.Count, "the server was killed with part of the backlog still to process");

        clock.Restart();
        await RunServerAsync(settings, until: () => Eventually.GetAsync(
            () => harness.Storage.DeliveriesQueue.CountAsync(),
            left => left == 0,
            "the restarted server to drain the deliveries queue",
            TimeSpan.FromMinutes(4)));
        output.WriteLine($"The restarted server drained the rest in {clock.Elapsed.TotalSeconds:F1} s (its start included).");

        Assert.Equal(0, await harness.Storage.PoisonQueue.CountAsync());
        var events = await PipelineContents.ReceiveAllEventsAsync(harness.Storage);
        var archived = await PipelineContents.ArchivedDeliveriesAsync(harness.Storage);
        var jobs = (await PipelineContents.JobsAsync(harness.Storage, ["phantomflow", "json2video"])).ToDictionary(j => (j.Provider, j.JobId));
        var duplicateCopies = events.Count - events.Select(e => e.EventId).Distinct().Count();
        output.WriteLine($"After the restart: {events.Count} events ({duplicateCopies} repeated copies with the same id), {archived.Count} deliveries archived, {jobs.Count} jobs.");

        // Every job recorded once, with its state, and its outbox emptied after publishing that state's event.
        Assert.Equal(webhooks.Select(w => (w.Provider, w.JobId!)).ToHashSet(), jobs.Keys.ToHashSet());
        Assert.All(webhooks, w =>
        {
            var job = jobs[(w.Provider, w.JobId!)];
            Assert.Equal(w.Status, job.Status?.ToText());
            Assert.Equal(w.ExpectedEventId, job.LastPublishedEventId);
            Assert.Null(job.PendingEventId);
        });

        // Every accepted delivery archived once (a refused one whose write had landed anyway is a delivery too: at least
        // once); for each job exactly one delivery recorded it (the one the job row names), the rest are duplicates.
        Assert.Empty(accepted.Keys.Except(archived.Keys));
        Assert.InRange(archived.Count, accepted.Count, accepted.Count + refused);
        var byPartition = jobs.Values.ToDictionary(j => JobKeys.DeliveriesPartition(j.Provider, j.JobId));
        Assert.Equal(byPartition.Keys.ToHashSet(), archived.Values.Select(r => r.PartitionKey).ToHashSet());
        Assert.All(archived.Values.GroupBy(r => r.PartitionKey), rows =>
        {
            var recorder = Assert.Single(rows, r => r.GetString("Outcome") == nameof(ProcessingOutcome.Recorded));
            Assert.Equal(byPartition[rows.Key].RecordedByDeliveryId, recorder.RowKey);
            Assert.All(rows.Where(r => r.RowKey != recorder.RowKey), r => Assert.Equal(nameof(ProcessingOutcome.Duplicate), r.GetString("Outcome")));
        });

        // Every body larger than a queue message is in the archive: in its row, or in the blob its row references.
        output.WriteLine($"Through a payload blob: {accepted.Values.Count(w => w.Body.Length > IntakeOptions.QueueBodyLimit)} deliveries.");
        await PipelineContents.AssertPayloadsSettledAsync(harness.Storage, accepted.Select(d => (d.Key, System.Text.Encoding.UTF8.GetByteCount(d.Value.Body))), archived);

        // Every job's state published at least once, every copy with the state's one stable id, and nothing else published.
        var published = events.GroupBy(e => (e.Provider, e.JobId)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(jobs.Keys.ToHashSet(), published.Keys.ToHashSet());
        Assert.All(webhooks, w =>
        {
            var copies = published[(w.Provider, w.JobId!)];
            Assert.All(copies, e => Assert.Equal((w.ExpectedEventId, w.Status, false), (e.EventId, e.Status, e.Verified)));
        });
    }

    /// <summary>Runs the server until <paramref name="until"/> completes, then kills it; its last log lines go to the test output if it fails.</summary>
    private async Task RunServerAsync(Dictionary<string, string?> settings, Func<Task> until)
    {
        await using var server = await ServerProcess.StartAsync(settings);
        try
        {
            await until();
        }
        catch
        {
            output.WriteLine($"Server output (last lines):\n{server.RecentOutput}");
            throw;
        }

        await server.KillAsync();
    }

    private Dictionary<string, string?> ServerSettings(PipelineHarness harness)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["RenderHooks:WebhookTokens:0"] = PipelineHarness.Token,
            ["RenderHooks:ManagementKey"] = ServerFactory.ManagementKey,
            // Messages the kill cut short reappear 5 s after their last lease renewal.
            ["RenderHooks:QueueListener:MessageLease"] = "00:00:05",
            ["RenderHooks:QueueListener:MaxPollingInterval"] = "00:00:00.500",
            ["RenderHooks:QueueListener:RetryDelay"] = "00:00:01",
            // No reconciliation run (the jobs are not due for minutes anyway), and a quiet log: warnings and errors only.
            ["RenderHooks:Reconcile:Schedule"] = "0 0 0 1 1 *",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in harness.Names.AsSettings())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Puts each webhook through the library's intake, 16 at a time, sending one refused with 503 (the queue write timed
    /// out on a loaded machine) again, as a provider would; returns what each accepted delivery id carries.
    /// </summary>
    private static async Task<Dictionary<string, TestWebhook>> EnqueueAsync(PipelineHarness harness, IReadOnlyList<TestWebhook> webhooks, Action refused)
    {
        var accepted = new Dictionary<string, TestWebhook>();
        foreach (var chunk in webhooks.Chunk(16))
        {
            var results = await Task.WhenAll(chunk.Select(w => AcceptAsync(harness, w, refused)));
            for (var i = 0; i < chunk.Length; i++)
            {
                Assert.Equal(IntakeStatus.Accepted, results[i].Status);
                accepted.Add(results[i].DeliveryId!, chunk[i]);
            }
        }

        return accepted;
    }

    private static async Task<IntakeResult> AcceptAsync(PipelineHarness harness, TestWebhook webhook, Action refused)
    {
        for (var send = 1; ; send++)
        {
            var result = await harness.PostAsync(webhook.Provider, webhook.Body, webhook.ContentType);
            if (result.Status != IntakeStatus.StorageUnavailable || send == 20)
            {
                return result;
            }

            refused();

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static void Shuffle(List<TestWebhook> list)
    {
        var random = new Random(20_240_613);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
