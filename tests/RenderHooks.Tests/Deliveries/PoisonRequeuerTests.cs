using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Processing;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Deliveries;

[Collection(AzuriteCollection.Name)]
public sealed class PoisonRequeuerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RequeueAsync_PoisonedDeliveries_MovedBackByteForByte()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var bodies = new[] { BinaryData.FromString("first"), BinaryData.FromBytes([0, 1, 2, 255]) };
        foreach (var body in bodies)
        {
            await pipeline.Storage.PoisonQueue.SendMessageAsync(body, timeToLive: RenderHooksStorage.NeverExpires);
        }

        var moved = await pipeline.Services.GetRequiredService<PoisonRequeuer>().RequeueAsync();

        Assert.Equal(2, moved);
        Assert.Equal(0, await pipeline.Storage.PoisonQueue.CountAsync());
        var requeued = await pipeline.Storage.DeliveriesQueue.PeekAsync();
        Assert.Equal(bodies.Select(b => b.ToArray()), requeued.Select(m => m.Body.ToArray()));
    }

    [Fact]
    public async Task PendingEventOfPoisonedDelivery_Requeued_PublishedWithItsStableId()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());

        // Every attempt records the state but cannot publish; after the last one the delivery is poisoned.
        await pipeline.Storage.EventsQueue.DeleteIfExistsAsync();
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(
            () => pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 5)));
        await pipeline.Storage.PoisonQueue.SendMessageAsync(message.Body);
        await pipeline.Storage.DeliveriesQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await pipeline.Storage.EventsQueue.CreateIfNotExistsAsync();

        await pipeline.Services.GetRequiredService<PoisonRequeuer>().RequeueAsync();
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), e.GetProperty("eventId").GetString());
        Assert.False((await pipeline.Jobs.GetAsync("phantomflow", jobId))!.EventPending);
    }
}
