using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Reconciliation;

/// <summary>Status APIs that throttle, fail, stall or refuse the key: the jobs stay due and nothing is recorded wrongly.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcilerFailureTests(AzuriteFixture azurite)
{
    /// <summary>With a fake clock the client's retry delays would never elapse: one attempt per call.</summary>
    private static readonly KeyValuePair<string, string?>[] NoRetries =
        [new("RenderHooks:PhantomFlow:MaxRetries", "0"), new("RenderHooks:Json2Video:MaxRetries", "0")];

    [Fact]
    public async Task Throttled_LongRetryAfter_StopsCallingThatProviderForTheRun_JobsStayDue()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, settings: [new("RenderHooks:Reconcile:MaxConcurrentChecks", "1")]);
        var projects = Enumerable.Range(0, 3).Select(_ => TestPayloads.NewJson2VideoProject()).ToList();
        foreach (var project in projects)
        {
            status.Script("json2video", project, StatusReply.TooManyRequests(retryAfterSeconds: 600));
            await pipeline.RegisterAsync("json2video", project);
        }

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, status.TotalCalls);
        Assert.Equal(1, summary.StatusCalls);
        Assert.Equal(["json2video"], summary.StoppedProviders);

        var next = await pipeline.Reconciler.RunAsync(); // the provider asked for ten minutes: not called again before
        Assert.Equal((0, 0), (next.StatusCalls, next.IndexRowsRead));
        Assert.Equal(["json2video"], next.StoppedProviders);
        Assert.Equal(1, status.TotalCalls);
        foreach (var project in projects)
        {
            var job = await pipeline.JobAsync("json2video", project);
            Assert.Equal(JobVerification.Pending, job.Verification);
            Assert.NotNull(job.NextCheckAt);
        }
    }

    [Fact]
    public async Task Throttled_ShortRetryAfter_WaitedOut_ThenVerified()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.TooManyRequests(retryAfterSeconds: 1), StatusReply.Done());
        await pipeline.RegisterAsync("json2video", project);

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, summary.Recovered);
        Assert.Equal(2, status.Calls("json2video", project));
        Assert.Single(await pipeline.TakeEventsAsync());
    }

    [Fact]
    public async Task ServerErrors_JobCheckedAgainAMinuteLater_AndVerifiedWhenTheProviderRecovers()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, NoRetries);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", jobId, StatusReply.ServerError(503));
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        await pipeline.TakeEventsAsync();

        var failed = await pipeline.Reconciler.RunAsync();
        var job = await pipeline.JobAsync("phantomflow", jobId);
        Assert.Equal((1, 0), (failed.ProviderUnavailable, failed.EventsPublished));
        Assert.Equal(JobVerification.Pending, job.Verification);
        Assert.Null(job.LastCheckedAt);
        Assert.Equal(TimeSpan.FromMinutes(1), job.NextCheckAt - DueIndex.ToIndexPrecision(clock.GetUtcNow()));

        status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
        Assert.Equal(0, (await pipeline.Reconciler.RunAsync()).StatusCalls);
        clock.Advance(TimeSpan.FromSeconds(61));
        var recovered = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, recovered.Verified);
        Assert.True(Assert.Single(await pipeline.TakeEventsAsync()).GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task ProviderDown_StopsAfterThreeUnansweredChecksInARow()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, settings: [new("RenderHooks:Reconcile:MaxConcurrentChecks", "1")]);
        var jobIds = Enumerable.Range(0, 6).Select(_ => TestPayloads.NewPhantomFlowJobId()).ToList();
        foreach (var jobId in jobIds)
        {
            status.Script("phantomflow", jobId, StatusReply.ServerError(500));
            await pipeline.RegisterAsync("phantomflow", jobId);
        }

        var summary = await pipeline.Reconciler.RunAsync();
        var next = await pipeline.Reconciler.RunAsync();

        Assert.Equal(3, summary.StatusCalls);
        Assert.Equal(["phantomflow"], summary.StoppedProviders);
        Assert.Equal(3, summary.ProviderUnavailable);
        // The three that failed moved back a minute, so the next run reaches the other three.
        Assert.Equal((3, 3), (next.IndexRowsRead, next.StatusCalls));
        Assert.All(jobIds, jobId => Assert.True(status.Calls("phantomflow", jobId) > 0));
    }

    [Fact]
    public async Task SlowAnswer_BeyondTheTimeout_JobStaysDue()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = new ObservedClock(DateTimeOffset.UtcNow);
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock, [.. NoRetries, new("RenderHooks:Json2Video:Timeout", "00:00:10")]);
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Held(new TaskCompletionSource().Task, StatusReply.Done())); // never answers
        await pipeline.RegisterAsync("json2video", project);

        // The run waits on the call's timeout and on nothing else: moving the clock past it ends the run.
        var run = pipeline.Reconciler.RunAsync();
        await clock.WaitForWaitAsync(TimeSpan.FromSeconds(10), "the status call's timeout");
        await Eventually.GetAsync(() => Task.FromResult(status.Calls("json2video", project)), calls => calls == 1, "the status call");
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        var summary = await Eventually.CompletedAsync(run, "the run, once its call timed out");

        Assert.Equal((1, 1, 0), (summary.StatusCalls, summary.ProviderUnavailable, summary.Recovered));
        var job = await pipeline.JobAsync("json2video", project);
        Assert.Null(job.Status);
        Assert.Equal(TimeSpan.FromMinutes(1), job.NextCheckAt - DueIndex.ToIndexPrecision(clock.GetUtcNow()));
    }

    [Fact]
    public async Task WrongApiKey_StopsAfterOneCall_AndRecordsNothing()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(
            azurite, status, settings: [new("RenderHooks:PhantomFlow:ApiKey", "not-the-right-key-0123456789"), new("RenderHooks:Reconcile:MaxConcurrentChecks", "1")]);
        var jobIds = Enumerable.Range(0, 3).Select(_ => TestPayloads.NewPhantomFlowJobId()).ToList();
        foreach (var jobId in jobIds)
        {
            status.Script("phantomflow", jobId, StatusReply.Done());
            await pipeline.RegisterAsync("phantomflow", jobId);
        }

        var summary = await pipeline.Reconciler.RunAsync();

        Assert.Equal(1, summary.StatusCalls);
        Assert.Equal(["phantomflow"], summary.StoppedProviders);
        foreach (var jobId in jobIds)
        {
            var job = await pipeline.JobAsync("phantomflow", jobId);
            Assert.Null(job.Status);
            Assert.Equal(JobVerification.Pending, job.Verification);
        }
    }

    [Fact]
    public async Task PerRunCap_LimitsStatusCalls_TheRestWaitForTheNextRun()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, settings: [new("RenderHooks:Reconcile:MaxStatusCallsPerRun", "2")]);
        for (var i = 0; i < 5; i++)
        {
            var project = TestPayloads.NewJson2VideoProject();
            status.Script("json2video", project, StatusReply.Done());
            await pipeline.RegisterAsync("json2video", project);
        }

        var first = await pipeline.Reconciler.RunAsync();
        var second = await pipeline.Reconciler.RunAsync();
        var third = await pipeline.Reconciler.RunAsync();

        Assert.Equal([2, 2, 1], new[] { first.StatusCalls, second.StatusCalls, third.StatusCalls });
        Assert.Equal(5, first.Recovered + second.Recovered + third.Recovered);
        Assert.Equal(5, (await pipeline.TakeEventsAsync()).Count);
    }
}
