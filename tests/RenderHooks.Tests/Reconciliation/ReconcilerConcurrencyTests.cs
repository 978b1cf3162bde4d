using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Reconciliation;

/// <summary>Reconcilers on several instances at once, and what they read: only due jobs, once each.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcilerConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoInstancesRacingOnTheSameDueJobs_EachJobCheckedAndPublishedOnce()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var first = await ReconcileTestPipeline.CreateAsync(azurite, status);
        await using var second = await ReconcileTestPipeline.CreateAsync(azurite, status, shareStorageWith: first.Names);
        var projects = Enumerable.Range(0, 20).Select(_ => TestPayloads.NewJson2VideoProject()).ToList();
        foreach (var project in projects)
        {
            status.Script("json2video", project, StatusReply.Slow(TimeSpan.FromMilliseconds(50), StatusReply.Done()));
            await first.RegisterAsync("json2video", project, "ref-" + project);
        }

        var summaries = await Task.WhenAll(first.Reconciler.RunAsync(), second.Reconciler.RunAsync(), first.Reconciler.RunAsync());

        var events = await first.TakeEventsAsync();
        Assert.Equal(20, events.Count);
        Assert.Equal(20, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.Equal(projects.Order(), events.Select(e => e.GetProperty("jobId").GetString()!).Order());
        Assert.Equal(20, summaries.Sum(s => s.Recovered));
        Assert.Equal(20, summaries.Sum(s => s.StatusCalls));
        Assert.All(projects, p => Assert.Equal(1, status.Calls("json2video", p)));
        foreach (var project in projects)
        {
            var job = await first.JobAsync("json2video", project);
            Assert.Equal((JobVerification.Verified, false), (job.Verification, job.EventPending));
        }
    }

    [Fact]
    public async Task OnlyDueJobsAreRead()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, [new("RenderHooks:Reconcile:FirstCheckDelay", "00:02:00")]);
        var due = Enumerable.Range(0, 3).Select(_ => TestPayloads.NewPhantomFlowJobId()).ToList();
        foreach (var jobId in due)
        {
            status.Script("phantomflow", jobId, StatusReply.Done());
            await pipeline.RegisterAsync("phantomflow", jobId);
        }

        clock.Advance(TimeSpan.FromMinutes(3));
        for (var i = 0; i < 40; i++)
        {
            await pipeline.RegisterAsync("phantomflow", TestPayloads.NewPhantomFlowJobId()); // due in two minutes
        }

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal((3, 3, 3), (summary.IndexRowsRead, summary.JobsRead, summary.StatusCalls));
        Assert.Equal(3, summary.Recovered);
        Assert.Equal(3, status.TotalCalls);
    }

    [Fact]
    public async Task WebhookArrivesWhileItsJobIsBeingChecked_OneUnverifiedThenOneVerifiedEvent()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var answer = new TaskCompletionSource();
        status.Script("phantomflow", jobId, StatusReply.Held(answer.Task, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4")));
        await pipeline.RegisterAsync("phantomflow", jobId, "ord_1");

        // The provider answers only once the webhook is recorded and published: the check is under way throughout.
        var run = pipeline.Reconciler.RunAsync();
        await Eventually.GetAsync(() => Task.FromResult(status.Calls("phantomflow", jobId)), calls => calls > 0, "the status call under way");
        var delivered = await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        Assert.False(run.IsCompleted);
        answer.SetResult();
        var summary = await run;
        var settle = await pipeline.Reconciler.RunAsync();

        var events = await pipeline.TakeEventsAsync();
        Assert.Equal(ProcessingOutcome.Recorded, delivered.Outcome);
        Assert.Equal(1, summary.StatusCalls + settle.StatusCalls);
        Assert.Equal([false, true], events.Select(e => e.GetProperty("verified").GetBoolean()));
        Assert.All(events, e => Assert.Equal("webhook", e.GetProperty("source").GetString()));
        Assert.All(events, e => Assert.Equal("ord_1", e.GetProperty("reference").GetString()));
        var job = await pipeline.JobAsync("phantomflow", jobId);
        Assert.Equal((JobVerification.Verified, false, 1), (job.Verification, job.EventPending, job.DeliveryCount));
    }

    [Fact]
    public async Task ClaimExpiresMidCall_TheSecondRunChecks_StillOneEvent()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        // The attempt timeout, on the same clock, is longer than the claim: the held call outlives the claim, not its timeout.
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(
            azurite, status, clock, [new("RenderHooks:Reconcile:CheckClaim", "00:01:00"), new("RenderHooks:Json2Video:Timeout", "00:05:00")]);
        var project = TestPayloads.NewJson2VideoProject();
        var firstAnswer = new TaskCompletionSource();
        status.Script("json2video", project, StatusReply.Held(firstAnswer.Task, StatusReply.Done()), StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project);

        // The first run's call is held open while its claim expires on the clock; a second run then claims and checks.
        var first = pipeline.Reconciler.RunAsync();
        await Eventually.GetAsync(() => Task.FromResult(status.Calls("json2video", project)), calls => calls == 1, "the first run's status call");
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var second = await pipeline.Reconciler.RunAsync();
        Assert.False(first.IsCompleted);
        firstAnswer.SetResult();
        var firstSummary = await first;

        Assert.Equal(2, status.Calls("json2video", project));
        Assert.Equal((1, 1), (second.StatusCalls, second.Recovered));
        Assert.Equal((1, 0), (firstSummary.StatusCalls, firstSummary.Recovered)); // its answer came too late to be applied
        Assert.Single(await pipeline.TakeEventsAsync());
        Assert.Equal(JobVerification.Verified, (await pipeline.JobAsync("json2video", project)).Verification);
    }

    [Fact]
    public async Task YoungIndexRowWithoutItsJob_KeptForTheInsertOnItsWay()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var index = (DueIndex)pipeline.Services.GetService(typeof(DueIndex))!;
        await index.AddAsync("phantomflow", "arriving-job", DateTimeOffset.UtcNow.AddSeconds(-5), default);

        var summary = await pipeline.Reconciler.RunAsync();
        var again = await pipeline.Reconciler.RunAsync();

        Assert.Equal((0, 1, 0), (summary.StaleIndexRows, summary.Deferred, summary.StatusCalls));
        Assert.Equal(1, again.IndexRowsRead);
    }

    [Fact]
    public async Task IndexRowWrittenByAWriterStillOnItsWay_KeptUntilTheJobCatchesUp()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, settings: [new("RenderHooks:Reconcile:FirstCheckDelay", "00:02:00")]);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", jobId, StatusReply.Done());
        await pipeline.RegisterAsync("phantomflow", jobId); // due in two minutes
        var index = (DueIndex)pipeline.Services.GetService(typeof(DueIndex))!;
        var store = (JobStore)pipeline.Services.GetService(typeof(JobStore))!;
        var earlier = DueIndex.ToIndexPrecision(DateTimeOffset.UtcNow.AddSeconds(-5));
        await index.AddAsync("phantomflow", jobId, earlier, default); // a writer moving the job earlier wrote its row first...

        var meanwhile = await pipeline.Reconciler.RunAsync();
        var job = (await store.ReadAsync("phantomflow", jobId, default))!;
        job.NextCheckAt = earlier; // ...and its job write lands now
        Assert.True(await store.TryReplaceAsync(job, default));
        var after = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 0, 0), (meanwhile.Deferred, meanwhile.StaleIndexRows, meanwhile.StatusCalls));
        Assert.Equal((1, 1), (after.StatusCalls, after.Recovered));
    }

    [Fact]
    public async Task StaleIndexRow_RemovedWithoutACall()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var index = (DueIndex)pipeline.Services.GetService(typeof(DueIndex))!;
        await index.AddAsync("phantomflow", "gone-job", DateTimeOffset.UtcNow.AddMinutes(-11), default);

        var summary = await pipeline.Reconciler.RunAsync();
        var again = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 0), (summary.StaleIndexRows, summary.StatusCalls));
        Assert.Equal(0, again.IndexRowsRead);
    }
}
