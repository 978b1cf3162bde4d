using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Reconciliation;

/// <summary>Each outcome of a check, against Azurite and a status API served over HTTP as the providers document it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcilerOutcomeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WebhookConfirmedByProvider_PublishesOneVerifiedEvent_AndSettles()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var webhookEvent = Assert.Single(await pipeline.TakeEventsAsync());
        Assert.False(webhookEvent.GetProperty("verified").GetBoolean());

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 1, 1), (summary.StatusCalls, summary.Verified, summary.EventsPublished));
        var e = Assert.Single(await pipeline.TakeEventsAsync());
        Assert.True(e.GetProperty("verified").GetBoolean());
        Assert.Equal("webhook", e.GetProperty("source").GetString());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", verified: true), e.GetProperty("eventId").GetString());
        Assert.Equal($"https://cdn.phantomflow.dev/output/{jobId}.mp4", e.GetProperty("outputUrl").GetString());

        var job = await pipeline.JobAsync("phantomflow", jobId);
        Assert.Equal(JobVerification.Verified, job.Verification);
        Assert.True(job.Verified);
        Assert.NotNull(job.LastCheckedAt);
        Assert.Equal(1, job.CheckCount);
        Assert.Null(job.NextCheckAt);
        Assert.False(job.EventPending);
        Assert.Equal(1, job.DeliveryCount);

        var again = await pipeline.Reconciler.RunAsync();
        Assert.Equal((0, 0, 0), (again.IndexRowsRead, again.StatusCalls, again.EventsPublished));
        Assert.Equal(1, status.Calls("phantomflow", jobId));
    }

    [Fact]
    public async Task Json2VideoFailureWithEmptyUrl_ProviderSaysDone_CorrectedToCompleted()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Done(outputUrl: "https://assets.json2video.com/clients/x/renders/real.mp4"));
        await pipeline.DeliverAsync("json2video", $$$"""{"width":"1920","height":"1080","duration":"","size":"","url":"","project":"{{{project}}}","id":"m-1","client-data":{"order_id":"ord_9"}}""");
        Assert.Equal("failed", Assert.Single(await pipeline.TakeEventsAsync()).GetProperty("status").GetString());

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, summary.Corrected);
        var e = Assert.Single(await pipeline.TakeEventsAsync());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.Equal("reconciliation", e.GetProperty("source").GetString());
        Assert.True(e.GetProperty("verified").GetBoolean());
        Assert.Equal("https://assets.json2video.com/clients/x/renders/real.mp4", e.GetProperty("outputUrl").GetString());
        Assert.False(e.TryGetProperty("error", out _));
        Assert.False(e.TryGetProperty("clientData", out _), "a verified event carries only what the provider said, not the webhook's client data");
        Assert.Equal(EventIds.For("json2video", project, "completed", verified: true), e.GetProperty("eventId").GetString());
        Assert.Equal(JobVerification.Corrected, (await pipeline.JobAsync("json2video", project)).Verification);
    }

    [Fact]
    public async Task ForgedCompletion_ProviderSaysFailed_CorrectedToFailedWithoutTheForgedUrl()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", jobId, StatusReply.Failed("RENDER_FAILED", "FFmpeg exited with code 1"));
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        await pipeline.TakeEventsAsync();

        await pipeline.Reconciler.RunAsync();

        var e = Assert.Single(await pipeline.TakeEventsAsync());
        Assert.Equal("render.failed", e.GetProperty("type").GetString());
        Assert.True(e.GetProperty("verified").GetBoolean());
        Assert.False(e.TryGetProperty("outputUrl", out _));
        Assert.Equal("RENDER_FAILED", e.GetProperty("error").GetProperty("code").GetString());
        var job = await pipeline.JobAsync("phantomflow", jobId);
        Assert.Equal((JobVerification.Corrected, "failed", "reconciliation"), (job.Verification, job.Status, job.Source));
    }

    [Fact]
    public async Task RegisteredJobWhoseWebhookNeverCame_Recovered_EventCarriesTheReference()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project, "ord_42");

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, summary.Recovered);
        var e = Assert.Single(await pipeline.TakeEventsAsync());
        Assert.Equal("reconciliation", e.GetProperty("source").GetString());
        Assert.True(e.GetProperty("verified").GetBoolean());
        Assert.Equal("ord_42", e.GetProperty("reference").GetString());
        Assert.Equal(project, e.GetProperty("jobId").GetString());
        Assert.Equal("https://cdn.example.test/out.mp4", e.GetProperty("outputUrl").GetString());
        var job = await pipeline.JobAsync("json2video", project);
        Assert.Equal((JobVerification.Verified, "completed", 0), (job.Verification, job.Status, job.DeliveryCount));

        // The webhook arriving late changes nothing and publishes nothing.
        await pipeline.DeliverAsync("json2video", TestPayloads.Json2VideoCompleted(project));
        Assert.Empty(await pipeline.TakeEventsAsync());
    }

    [Fact]
    public async Task RunningThenDone_ChecksAgainAtGrowingIntervals_ThenRecovers()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, [new("RenderHooks:Reconcile:FirstCheckDelay", "00:00:20")]);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Running(), StatusReply.Running(), StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project);
        Assert.Equal(0, (await pipeline.Reconciler.RunAsync()).StatusCalls); // not due for 20 s

        clock.Advance(TimeSpan.FromSeconds(21));
        var first = await pipeline.Reconciler.RunAsync();
        var afterFirst = await pipeline.JobAsync("json2video", project);
        clock.Advance(TimeSpan.FromSeconds(10));
        var tooEarly = await pipeline.Reconciler.RunAsync();
        clock.Advance(TimeSpan.FromSeconds(11));
        var second = await pipeline.Reconciler.RunAsync();
        var afterSecond = await pipeline.JobAsync("json2video", project);
        clock.Advance(TimeSpan.FromSeconds(41));
        var third = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, first.StillRendering);
        Assert.Equal("running", afterFirst.ProviderStatus);
        Assert.Equal(JobVerification.Pending, afterFirst.Verification);
        Assert.Equal(TimeSpan.FromSeconds(20), afterFirst.NextCheckAt - afterFirst.LastCheckedAt!.Value.AddTicks(-(afterFirst.LastCheckedAt.Value.UtcTicks % TimeSpan.TicksPerSecond)));
        Assert.Equal(0, tooEarly.StatusCalls);
        Assert.Equal(1, second.StillRendering);
        Assert.Equal(TimeSpan.FromSeconds(40), afterSecond.NextCheckAt - afterSecond.LastCheckedAt!.Value.AddTicks(-(afterSecond.LastCheckedAt.Value.UtcTicks % TimeSpan.TicksPerSecond)));
        Assert.Equal(1, third.Recovered);
        Assert.Equal(3, status.Calls("json2video", project));
        var job = await pipeline.JobAsync("json2video", project);
        Assert.Equal((3, "done", JobVerification.Verified), (job.CheckCount, job.ProviderStatus, job.Verification));
        Assert.Single(await pipeline.TakeEventsAsync());
    }

    [Fact]
    public async Task JobUnknownToProvider_AskedTwice_ThenFlaggedNeverVerified_NoEvent_NoMoreChecks()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock);
        var jobId = TestPayloads.NewPhantomFlowJobId(); // not scripted: the provider has never heard of it
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        await pipeline.TakeEventsAsync();

        var once = await pipeline.Reconciler.RunAsync();
        var afterOnce = await pipeline.JobAsync("phantomflow", jobId);
        clock.Advance(TimeSpan.FromSeconds(31));
        var twice = await pipeline.Reconciler.RunAsync();
        var again = await pipeline.Reconciler.RunAsync();

        Assert.Equal((0, 1), (once.UnknownToProvider, once.NotFoundOnce));
        Assert.Equal((JobVerification.Pending, "not-found"), (afterOnce.Verification, afterOnce.ProviderStatus));
        Assert.NotNull(afterOnce.NextCheckAt);
        Assert.Equal(1, twice.UnknownToProvider);
        Assert.Empty(await pipeline.TakeEventsAsync());
        var job = await pipeline.JobAsync("phantomflow", jobId);
        Assert.Equal(JobVerification.UnknownToProvider, job.Verification);
        Assert.False(job.Verified);
        Assert.Null(job.NextCheckAt);
        Assert.Equal(0, again.StatusCalls);
        Assert.Equal(2, status.Calls("phantomflow", jobId));
    }

    [Fact]
    public async Task NoFinalAnswerWithinMaxAge_AskedOnceMoreAtTheEnd_ThenAbandoned()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, [new("RenderHooks:Reconcile:MaxAge", "00:01:00")]);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Pending());
        await pipeline.RegisterAsync("json2video", project);
        Assert.Equal(1, (await pipeline.Reconciler.RunAsync()).StillRendering);

        clock.Advance(TimeSpan.FromSeconds(61));
        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 1), (summary.Abandoned, summary.StatusCalls));
        var job = await pipeline.JobAsync("json2video", project);
        Assert.Equal((JobVerification.Abandoned, false), (job.Verification, job.Verified));
        Assert.Null(job.NextCheckAt);
        Assert.Equal("pending", job.ProviderStatus);
        Assert.Empty(await pipeline.TakeEventsAsync());
    }

    [Fact]
    public async Task LongOverdueJob_AbandonedWithoutACall()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, [new("RenderHooks:Reconcile:MaxAge", "00:01:00")]);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project);

        clock.Advance(TimeSpan.FromHours(2));
        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 0), (summary.Abandoned, summary.StatusCalls));
        Assert.Equal(JobVerification.Abandoned, (await pipeline.JobAsync("json2video", project)).Verification);
    }

    [Fact]
    public async Task EventLeftPendingByAFailedDelivery_PublishedByReconciliation_ThenVerified()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
        await pipeline.Storage.EventsQueue.DeleteIfExistsAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId)));
        Assert.True((await pipeline.JobAsync("phantomflow", jobId)).EventPending);
        await pipeline.Storage.EventsQueue.CreateIfNotExistsAsync();
        Assert.Equal(1, (await pipeline.Reconciler.RunAsync()).Deferred); // the delivery's publish lease still runs
        clock.Advance(TimeSpan.FromMinutes(1));

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal((2, 1), (summary.EventsPublished, summary.Verified));
        var events = await pipeline.TakeEventsAsync();
        Assert.Equal([false, true], events.Select(e => e.GetProperty("verified").GetBoolean()));
        Assert.False((await pipeline.JobAsync("phantomflow", jobId)).EventPending);
    }

    [Fact]
    public async Task VerifiedEventThatCannotBePublishedNow_KeptOnTheJob_PublishedByALaterRun()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project);
        await pipeline.Storage.EventsQueue.DeleteIfExistsAsync();

        var recorded = await pipeline.Reconciler.RunAsync();
        var pending = await pipeline.JobAsync("json2video", project);
        await pipeline.Storage.EventsQueue.CreateIfNotExistsAsync();
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1)); // CheckClaim: when a lost publish is retried
        var retried = await pipeline.Reconciler.RunAsync();

        Assert.Equal((1, 0, 0), (recorded.Recovered, recorded.EventsPublished, recorded.Failed));
        Assert.True(pending.EventPending);
        Assert.Equal((1, 0), (retried.EventsPublished, retried.StatusCalls));
        Assert.Single(await pipeline.TakeEventsAsync());
        var job = await pipeline.JobAsync("json2video", project);
        Assert.Equal((false, JobVerification.Verified), (job.EventPending, job.Verification));
        Assert.Null(job.NextCheckAt);
    }

    [Fact]
    public async Task ProviderWithoutStatusApi_JobsWaitInTheIndex_CheckedOnceItIsConfigured()
    {
        await using var unconfigured = await PipelineHarness.CreateAsync(azurite, settings: [new("RenderHooks:Reconcile:FirstCheckDelay", "00:00:00")]);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await unconfigured.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));

        var skipped = await unconfigured.Reconciler.RunAsync();

        Assert.Empty(skipped.Providers);
        Assert.Equal(0, skipped.IndexRowsRead);
        Assert.NotNull((await unconfigured.JobAsync("phantomflow", jobId)).NextCheckAt);

        await using var status = await ProviderStatusServer.StartAsync();
        status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
        await using var configured = await ReconcileTestPipeline.CreateAsync(azurite, status, shareStorageWith: unconfigured.Names);

        var checkedLater = await configured.Reconciler.RunAsync();

        Assert.Equal(1, checkedLater.Verified);
        Assert.Equal(JobVerification.Verified, (await configured.JobAsync("phantomflow", jobId)).Verification);
    }
}
