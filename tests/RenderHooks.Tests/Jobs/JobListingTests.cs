using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Reconciliation;

namespace RenderHooks.Tests.Jobs;

/// <summary>
/// Jobs listed by state as reconciliation leaves them, on Azurite with the providers' status APIs played by
/// <see cref="ProviderStatusServer"/> and a clock the test moves: a job the provider never heard of is listed unknown to
/// it once reconciliation has asked twice; a job is overdue from its due time until reconciliation settles it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobListingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task JobTheProviderNeverHeardOf_ListedUnknownToProvider_AfterTheSecondNotFound_KnownJobNot()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock);
        var forged = TestPayloads.NewPhantomFlowJobId(); // not scripted: the provider has never heard of it
        var known = TestPayloads.NewPhantomFlowJobId();
        status.Script("phantomflow", known, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{known}.mp4"));
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(forged));
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(known));

        await pipeline.Reconciler.RunAsync();
        var afterOnce = await ListAsync(pipeline, JobListStates.UnknownToProvider);
        clock.Advance(TimeSpan.FromSeconds(31));
        await pipeline.Reconciler.RunAsync();
        var afterTwice = await ListAsync(pipeline, JobListStates.UnknownToProvider);

        Assert.Empty(afterOnce);
        var job = Assert.Single(afterTwice);
        Assert.Equal((forged, "phantomflow", "unknown-to-provider", "completed", "webhook"), (job.JobId, job.Provider, job.Verification, job.Status, job.Source));
        Assert.Equal(2, job.CheckCount);
        Assert.Null(job.NextCheckAt);
        Assert.Empty(await ListAsync(pipeline, JobListStates.UnknownToProvider, "json2video"));
        Assert.Empty(await ListAsync(pipeline, JobListStates.Overdue));
    }

    [Fact]
    public async Task RegisteredJob_OverdueFromItsDueTime_UntilReconciliationSettlesIt()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(
            azurite, status, clock, [new("RenderHooks:Reconcile:FirstCheckDelay", "00:02:00")]);
        var project = TestPayloads.NewJson2VideoProject();
        await pipeline.RegisterAsync("json2video", project, "ord_9");

        var beforeDue = await ListAsync(pipeline, JobListStates.Overdue);
        clock.Advance(TimeSpan.FromMinutes(3));
        var afterDue = await ListAsync(pipeline, JobListStates.Overdue);
        status.Script("json2video", project, StatusReply.Done());
        await pipeline.Reconciler.RunAsync();
        var afterRun = await ListAsync(pipeline, JobListStates.Overdue);

        Assert.Empty(beforeDue);
        var job = Assert.Single(afterDue);
        Assert.Equal((project, "ord_9", "pending", 0), (job.JobId, job.Reference, job.Verification, job.CheckCount));
        Assert.True(job.NextCheckAt <= clock.GetUtcNow());
        Assert.Empty(afterRun);
    }

    [Fact]
    public async Task DueRowTheJobNoLongerHas_LeftOut()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = ReconcileTestPipeline.Clock();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status, clock);
        var project = TestPayloads.NewJson2VideoProject();
        await pipeline.RegisterAsync("json2video", project);
        var job = await pipeline.JobAsync("json2video", project);

        // A row left by a crash between adding the new due row and removing the old one: its time is not the job's.
        await pipeline.Services.GetRequiredService<DueIndex>().AddAsync("json2video", project, job.NextCheckAt!.Value.AddSeconds(-30), CancellationToken.None);

        var listed = await ListAsync(pipeline, JobListStates.Overdue);

        Assert.Equal(project, Assert.Single(listed).JobId);
    }

    private static async Task<IReadOnlyList<JobSummary>> ListAsync(PipelineHarness pipeline, string state, string? provider = null)
    {
        var result = await pipeline.Services.GetRequiredService<JobListing>().ListAsync(new JobListQuery { State = state, Provider = provider }, cursor: null);
        Assert.Null(result.Problem);
        return result.Page!.Items;
    }
}
