using RenderHooks.Events;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Reconciliation;

/// <summary>
/// Table Storage cut off (a relay between the reconciler and Azurite) before a run and in the middle of one: the run
/// ends on its own, counting the failure instead of throwing, the jobs stay due, and the next run checks them all.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcilerStorageFaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TablesCutOffBeforeAndDuringARun_RunsEndCountingTheFailure_TheNextRunChecksEveryJob()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var relay = new TcpRelay(azurite.TablePort);
        relay.Open();
        var clock = ReconcileTestPipeline.Clock();
        var logs = new CapturedLogs();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(
            azurite,
            status,
            clock,
            logs,
            [
                new("AzureWebJobsStorage", azurite.ConnectionString.Replace($":{azurite.TablePort}/", $":{relay.Port}/", StringComparison.Ordinal)),
                new("RenderHooks:Reconcile:MaxConcurrentChecks", "1"),
                new("RenderHooks:PhantomFlow:ApiKey", string.Empty), // JSON2Video only: one provider's part per run
            ]);
        var first = TestPayloads.NewJson2VideoProject();
        var answer = new TaskCompletionSource();
        status.Script("json2video", first, StatusReply.Held(answer.Task, StatusReply.Done()), StatusReply.Done());
        await pipeline.RegisterAsync("json2video", first);
        clock.Advance(TimeSpan.FromSeconds(1)); // the others are due a second later, so the first is checked first
        var others = Enumerable.Range(0, 2).Select(_ => TestPayloads.NewJson2VideoProject()).ToList();
        foreach (var project in others)
        {
            status.Script("json2video", project, StatusReply.Done());
            await pipeline.RegisterAsync("json2video", project);
        }

        try
        {
            // Cut before the run: the due-date index cannot be read; nothing is called.
            await relay.CutAsync();
            var indexUnreadable = await pipeline.Reconciler.RunAsync();
            Assert.Equal((0, 0, 1), (indexUnreadable.IndexRowsRead, indexUnreadable.StatusCalls, indexUnreadable.Failed));
            Assert.Equal("Checking json2video job (due-date index) failed on storage; the json2video part of this run stops", Assert.Single(logs.Entries, e => e.EventId.Id == 5011).Message);

            // Cut while the first job's call is under way: its answer cannot be written; the run stops there.
            relay.Open();
            var run = pipeline.Reconciler.RunAsync();
            await Eventually.GetAsync(() => Task.FromResult(status.Calls("json2video", first)), calls => calls == 1, "the first job's status call");
            await relay.CutAsync();
            answer.SetResult();
            var cutMidRun = await Eventually.CompletedAsync(run, "the run, once the write of the answer failed", TimeSpan.FromMinutes(1));
            Assert.Equal((1, 1, 1, 0, 0), (cutMidRun.IndexRowsRead, cutMidRun.StatusCalls, cutMidRun.Failed, cutMidRun.Recovered, cutMidRun.EventsPublished));
            Assert.Equal($"Checking json2video job {first} failed on storage; the json2video part of this run stops", logs.Entries.Where(e => e.EventId.Id == 5011).Last().Message);
            Assert.Empty(await pipeline.TakeEventsAsync());
            Assert.All(others, project => Assert.Equal(0, status.Calls("json2video", project)));
        }
        finally
        {
            if (!relay.IsOpen)
            {
                relay.Open();
            }
        }

        // Storage is back and the cut run's claim on the first job has expired: the next run checks all three.
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var after = await pipeline.Reconciler.RunAsync();

        Assert.Equal((3, 3, 0), (after.StatusCalls, after.Recovered, after.Failed));
        Assert.Equal(2, status.Calls("json2video", first));
        var events = await pipeline.TakeEventsAsync();
        Assert.Equal(
            new[] { first }.Concat(others).Select(p => EventIds.For("json2video", p, "completed", verified: true)).Order(),
            events.Select(e => e.GetProperty("eventId").GetString()!).Order());
    }
}
