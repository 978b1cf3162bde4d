using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Deliveries;

/// <summary>
/// What the flagged-deliveries index (written when a delivery is archived) lists, on Azurite, beyond the contract's
/// HTTP cases: a queue message that was no delivery at all, a delivery recorded with a note, redeliveries listed once,
/// and plain deliveries never.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryListingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UnreadableMessage_Listed_WithReasonAndMessageId_NoProvider()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var info = new QueueMessageInfo("msg-unreadable-1", 1);

        var result = await pipeline.Processor.ProcessAsync(BinaryData.FromString("not an envelope"), info);

        Assert.Equal(ProcessingOutcome.Unreadable, result.Outcome);
        var item = Assert.Single(await ListAsync(pipeline, new DeliveryListQuery()));
        Assert.Equal(("unreadable", result.Reason, "msg-unreadable-1"), (item.Outcome, item.Reason, item.MessageId));
        Assert.Null(item.Provider);
        Assert.Null(item.DeliveryId);
        Assert.Equal(15, item.BodyBytes);
        Assert.Equal("~unreadable", item.ArchivePartitionKey);
        Assert.Empty(await ListAsync(pipeline, new DeliveryListQuery { Provider = "phantomflow" }));
        Assert.Single(await ListAsync(pipeline, new DeliveryListQuery { Outcome = ProcessingOutcome.Unreadable }));
    }

    [Fact]
    public async Task RecordedWithANote_Listed_AsRecorded_PlainRecordAndDuplicateNot()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var noted = $$$"""{"project":"{{{project}}}","url":"https://a.example/m.mp4","client-data":{"order_id":"ord\uD800"}}""";
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var withNote = await pipeline.DeliverAsync("json2video", noted);
        var plain = await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var duplicate = await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));

        Assert.Equal((ProcessingOutcome.Recorded, ProcessingOutcome.Recorded, ProcessingOutcome.Duplicate), (withNote.Outcome, plain.Outcome, duplicate.Outcome));
        var item = Assert.Single(await ListAsync(pipeline, new DeliveryListQuery()));
        Assert.Equal((withNote.DeliveryId, "recorded", project), (item.DeliveryId, item.Outcome, item.JobId));
        Assert.Equal("client data holding an unpaired surrogate escape was left out", item.Reason);
    }

    [Fact]
    public async Task SameDeliveryProcessedTwice_ListedOnce()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        await pipeline.PostAsync("phantomflow", """{"status":"completed"}""");
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());

        // A redelivery (the first attempt crashed before its acknowledgement) archives the same delivery again.
        var first = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 1));
        var second = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 2));

        Assert.Equal((ProcessingOutcome.Unparseable, ProcessingOutcome.Unparseable), (first.Outcome, second.Outcome));
        var item = Assert.Single(await ListAsync(pipeline, new DeliveryListQuery()));
        Assert.Equal((first.DeliveryId, 2L), (item.DeliveryId, item.DequeueCount));
    }

    [Fact]
    public async Task APage_OneTableRequest_HoweverManyPlainDeliveriesAreArchived()
    {
        await using var tables = new TcpRelay(azurite.TablePort);
        tables.Open();
        var connectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tables.Port}/{AzuriteFixture.AccountName};");
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", connectionString)]);
        for (var i = 0; i < 100; i++)
        {
            await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()));
        }

        var flagged = await pipeline.DeliverAsync("phantomflow", """{"status":"completed"}""");
        var listing = pipeline.Services.GetRequiredService<DeliveryListing>();

        var before = tables.Requests;
        var result = await listing.ListAsync(new DeliveryListQuery { Limit = 200 }, cursor: null);
        var requests = tables.Requests - before;

        Assert.Equal(flagged.DeliveryId, Assert.Single(result.Page!.Items).DeliveryId);
        Assert.Equal(1, requests);
    }

    private static async Task<IReadOnlyList<DeliverySummary>> ListAsync(PipelineHarness pipeline, DeliveryListQuery query)
    {
        var result = await pipeline.Services.GetRequiredService<DeliveryListing>().ListAsync(query, cursor: null);
        Assert.Null(result.Problem);
        Assert.Null(result.Page!.Cursor);
        return result.Page.Items;
    }
}
