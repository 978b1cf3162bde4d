using System.Text;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Processing;

/// <summary>
/// Deliveries whose body is in a payload blob, processed on Azurite: a blob that is gone is archived as unreadable with
/// the reason (kept, listed, never retried), a blob storage cannot read is retried, a redelivery after the blob was
/// settled leaves the archive as it was, the flagged index keeps the body's real length, the poison queue's requeue
/// works with a reference, and an envelope written before payload blobs existed reads as before.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PayloadBlobTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReferencedDelivery_BlobMissing_ArchivedUnreadableWithTheReasonAndListed()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var accepted = await PostLargeAsync(pipeline, 100_000);
        await pipeline.Storage.PayloadsContainer.DeleteBlobAsync(accepted);

        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        var reason = $"payload blob '{accepted}' not found";
        Assert.Equal((ProcessingOutcome.Unreadable, accepted, reason), (result.Outcome, result.DeliveryId, result.Reason));
        var row = await pipeline.Storage.DeliveriesTable.RowAsync(JobKeys.UnreadablePartition, accepted);
        Assert.NotNull(row);
        Assert.Equal((reason, accepted, 100_000), (row.GetString("Reason"), row.GetString("BodyBlob"), row.GetInt32("BodyBytes")));
        var listed = Assert.Single(await ListAsync(pipeline));
        Assert.Equal(("unreadable", reason, accepted, "json2video", 100_000), (listed.Outcome, listed.Reason, listed.DeliveryId, listed.Provider, listed.BodyBytes));
        Assert.Empty(await pipeline.PeekEventsAsync());
    }

    [Fact]
    public async Task ReferencedDelivery_BlobNotTheSizeItSays_ArchivedUnreadableAndTheBlobKept()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var accepted = await PostLargeAsync(pipeline, 100_000);
        await pipeline.Storage.PayloadsContainer.GetBlobClient(accepted).UploadAsync(BinaryData.FromBytes(new byte[70_000]), overwrite: true);

        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        var reason = $"payload blob '{accepted}' holds 70000 bytes; the delivery says 100000";
        Assert.Equal((ProcessingOutcome.Unreadable, reason), (result.Outcome, result.Reason));
        var row = await pipeline.Storage.DeliveriesTable.RowAsync(JobKeys.UnreadablePartition, accepted);
        Assert.Equal((reason, accepted), (row!.GetString("Reason"), row.GetString("BodyBlob")));
        // The row refers to the blob: tagged archived, so the orphans' lifecycle rule leaves it.
        Assert.Equal("archived", await pipeline.Storage.PayloadsContainer.StateTagAsync(accepted));
        Assert.Empty(await pipeline.PeekEventsAsync());
    }

    [Fact]
    public async Task ReferencedDelivery_BlobStorageRefuses_ThrowsForARetryAndArchivesNothing()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.BlobPort);
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", proxy.Redirect(azurite.ConnectionString, azurite.BlobPort))]);
        var accepted = await PostLargeAsync(pipeline, 100_000);
        var reads = proxy.Fail(r => r.Method == "GET" && r.Path.EndsWith("/" + accepted, StringComparison.Ordinal), 403, "AuthorizationFailure");
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());

        var failure = await Assert.ThrowsAsync<RequestFailedException>(
            () => pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount)));

        Assert.Equal(403, failure.Status);
        Assert.Contains(accepted, failure.Message, StringComparison.Ordinal);
        Assert.True(reads.Matched > 0);
        Assert.Empty(await pipeline.Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
        reads.Lift();
        Assert.Equal("received", await pipeline.Storage.PayloadsContainer.StateTagAsync(accepted));
        Assert.Equal(ProcessingOutcome.Recorded, (await pipeline.ProcessAsync(message)).Outcome);
    }

    [Theory]
    [InlineData(40 * 1024, 2)]
    [InlineData(200_000, 2)]
    [InlineData(40 * 1024, 1)]
    public async Task ReferencedDelivery_RedeliveredAfterItsBlobWasSettled_ArchiveAndEventStand(int bytes, long secondDequeueCount)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var accepted = await PostLargeAsync(pipeline, bytes);
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());
        var first = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 1));

        // The host crashed before deleting the message: it comes again (dequeue count 2), its blob deleted (inline) or
        // tagged archived. Or a second message of the same delivery arrives (dequeue count 1): an enqueue whose answer
        // was lost and was sent again, or a poison message requeued after its first copy was processed.
        var again = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, secondDequeueCount));

        Assert.Equal((ProcessingOutcome.Recorded, ProcessingOutcome.Recorded), (first.Outcome, again.Outcome));
        Assert.Null(await pipeline.Storage.DeliveriesTable.RowAsync(JobKeys.UnreadablePartition, accepted));
        Assert.Empty(await ListAsync(pipeline));
        Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(bytes <= DeliveryArchive.MaxInlineBodyBytes ? null : "archived", await pipeline.Storage.PayloadsContainer.StateTagAsync(accepted));
    }

    [Fact]
    public async Task UnparseableLargeDelivery_Flagged_WithTheBodysRealLength()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var body = "{\"status\":\"done\",\"padding\":\"" + new string('a', 150_000) + "\"}";

        var result = await pipeline.DeliverAsync("json2video", body);

        Assert.Equal(ProcessingOutcome.Unparseable, result.Outcome);
        var listed = Assert.Single(await ListAsync(pipeline));
        Assert.Equal(("unparseable", Encoding.UTF8.GetByteCount(body)), (listed.Outcome, listed.BodyBytes));
        var row = await pipeline.Storage.DeliveriesTable.RowAsync(listed.ArchivePartitionKey!, listed.ArchiveRowKey!);
        Assert.Equal((result.DeliveryId, body.Length), (row!.GetString("BodyBlob"), row.GetInt32("BodyBytes")));
        Assert.Equal("archived", await pipeline.Storage.PayloadsContainer.StateTagAsync(result.DeliveryId!));
    }

    [Fact]
    public async Task PoisonedReferencedDelivery_Requeued_ProcessedWithItsBody()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        await PostLargeAsync(pipeline, 300_000, project);
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());
        await pipeline.Storage.PoisonQueue.SendMessageAsync(message.Body);
        await pipeline.Storage.DeliveriesQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        var moved = await pipeline.Services.GetRequiredService<PoisonRequeuer>().RequeueAsync();
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal((1, ProcessingOutcome.Recorded), (moved, result.Outcome));
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(project, e.GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task EnvelopeWrittenBeforePayloadBlobs_Processed_AsBefore()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var body = Convert.ToBase64String(TestPayloads.Utf8(TestPayloads.Json2VideoCompleted(project)));
        var envelope = $$"""{"version":1,"deliveryId":"0193c5f0a1b27c3d8e9f0a1b2c3d4e5f","provider":"json2video","receivedAt":"2026-11-22T10:00:00Z","contentType":"application/json","body":"{{body}}"}""";
        await pipeline.Storage.DeliveriesQueue.SendMessageAsync(envelope);

        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        Assert.Equal(project, Assert.Single(await pipeline.PeekEventsAsync()).GetProperty("jobId").GetString());
        var row = await pipeline.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("json2video", project), "0193c5f0a1b27c3d8e9f0a1b2c3d4e5f");
        Assert.Equal(TestPayloads.Utf8(TestPayloads.Json2VideoCompleted(project)), row!.GetBinary("Body"));
        Assert.Empty(await pipeline.Storage.PayloadsContainer.BlobNamesAsync());
    }

    private static async Task<string> PostLargeAsync(PipelineHarness pipeline, int bytes, string? project = null)
    {
        var body = LargePayloads.Json2VideoCompleted(project ?? TestPayloads.NewJson2VideoProject(), bytes, form: false);
        var accepted = await pipeline.Intake.AcceptAsync(new IntakeRequest("json2video", PipelineHarness.Token, "application/json", body.Length, new MemoryStream(body)));
        Assert.Equal(IntakeStatus.Accepted, accepted.Status);
        Assert.Equal("received", await pipeline.Storage.PayloadsContainer.StateTagAsync(accepted.DeliveryId!));
        return accepted.DeliveryId!;
    }

    private static async Task<IReadOnlyList<DeliverySummary>> ListAsync(PipelineHarness pipeline) =>
        (await pipeline.Services.GetRequiredService<DeliveryListing>().ListAsync(new DeliveryListQuery(), null)).Page!.Items;
}
