using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Reconciliation;

namespace RenderHooks.Tests.Processing;

/// <summary>
/// Processing when Table Storage refuses the job's write, for good (400) or because someone else keeps writing first
/// (412 on every replace): answers Azurite is made to give by a proxy in front of it (<see cref="StorageFaultProxy"/>),
/// everything else real. A refused delivery is archived with the reason and acknowledged; one that loses every write
/// is left in the queue for a retry, with nothing half-written.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobWriteFaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task JobInsertRefused400_DeliveryArchivedAsRejectedWithTheReason_AcknowledgedWithoutAnEvent()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.TablePort);
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", proxy.Redirect(azurite.ConnectionString, azurite.TablePort))]);
        var jobs = pipeline.Names.JobsTable;
        var refused = proxy.Fail(r => r.Method == "POST" && r.On(jobs), 400, "PropertyValueTooLarge");
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowCompleted(jobId);

        var accepted = await pipeline.PostAsync("phantomflow", body);
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Rejected, result.Outcome);
        Assert.Equal("Storage refused the job record: PropertyValueTooLarge.", result.Reason);
        Assert.Null(result.PublishedEventId);
        Assert.Equal(1, refused.Matched); // a 400 is final: not retried
        var archived = await pipeline.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("phantomflow", jobId), accepted.DeliveryId!);
        Assert.NotNull(archived);
        Assert.Equal(("Rejected", result.Reason, jobId), (archived.GetString("Outcome"), archived.GetString("Reason"), archived.GetString("JobId")));
        Assert.Equal(TestPayloads.Utf8(body), archived.GetBinary("Body"));
        Assert.Null(await pipeline.Jobs.GetAsync("phantomflow", jobId));
        Assert.Empty(await pipeline.PeekEventsAsync());
    }

    [Fact]
    public async Task EveryReplaceLosesToAnotherWriter_GivesUpAfterMaxWriteAttempts_NothingWritten_TheRetryRecords()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.TablePort);
        await using var pipeline = await PipelineHarness.CreateAsync(
            azurite, settings: [new("AzureWebJobsStorage", proxy.Redirect(azurite.ConnectionString, azurite.TablePort)), new("RenderHooks:Processing:MaxWriteAttempts", "5")]);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.RegisterAsync("phantomflow", jobId, "ord_7");
        var jobs = pipeline.Names.JobsTable;
        // Every conditional write of a phantomflow job answers 412, as when another writer always gets there first.
        var conflicts = proxy.Fail(r => r.Method == "PUT" && r.On(jobs) && r.IsConditional && r.InPartition("phantomflow"), 412, "UpdateConditionNotSatisfied");
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());

        var gaveUp = await Assert.ThrowsAsync<InvalidOperationException>(
            () => pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount)));

        // Five writes: the insert (409, the job is registered), then four replaces, each lost.
        Assert.Equal($"Gave up recording phantomflow job '{jobId}' after 5 conflicting writes; the delivery will be retried.", gaveUp.Message);
        Assert.Equal(4, conflicts.Matched);
        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.Equal(((string?)null, "ord_7", 0, false), (job!.Status, job.Reference, job.DeliveryCount, job.EventPending));
        Assert.Empty(await pipeline.Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
        Assert.Empty(await pipeline.PeekEventsAsync());

        // The queue retries the delivery; the other writer is gone.
        conflicts.Lift();
        var retry = await pipeline.ProcessAsync(message);
        Assert.Equal(ProcessingOutcome.Recorded, retry.Outcome);
        Assert.Equal("ord_7", Assert.Single(await pipeline.PeekEventsAsync()).GetProperty("reference").GetString());
    }
}
