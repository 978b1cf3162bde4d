using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RenderHooks.Events;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Reconciliation;

namespace RenderHooks.Tests.Processing;

[Collection(AzuriteCollection.Name)]
public sealed class DeliveryProcessorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PhantomFlowWebhook_ProcessedOnce_PublishesOneNormalizedEvent()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var accepted = await pipeline.PostAsync("PhantomFlow", TestPayloads.PhantomFlowCompleted(jobId));
        Assert.Equal(IntakeStatus.Accepted, accepted.Status);

        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());
        var result = await pipeline.ProcessAsync(message);

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        Assert.Equal(accepted.DeliveryId, result.DeliveryId);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", verified: false), e.GetProperty("eventId").GetString());
        Assert.Equal(result.PublishedEventId, e.GetProperty("eventId").GetString());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.Equal("phantomflow", e.GetProperty("provider").GetString());
        Assert.Equal(jobId, e.GetProperty("jobId").GetString());
        Assert.Equal("completed", e.GetProperty("status").GetString());
        Assert.Equal("webhook", e.GetProperty("source").GetString());
        Assert.False(e.GetProperty("verified").GetBoolean());
        Assert.Equal($"https://cdn.phantomflow.dev/output/{jobId}.mp4", e.GetProperty("outputUrl").GetString());
        Assert.Equal(15.2, e.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(16, e.GetProperty("creditsUsed").GetInt64());
        Assert.True(e.TryGetProperty("receivedAt", out _));
        Assert.False(e.TryGetProperty("error", out _), "absent values are omitted");
        Assert.False(e.TryGetProperty("clientData", out _), "absent values are omitted");
    }

    [Fact]
    public async Task Json2VideoFormWebhook_Processed_EventCarriesClientDataAndNumbers()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();

        await pipeline.PostAsync("json2video", TestPayloads.Json2VideoCompletedForm(project), "application/x-www-form-urlencoded");
        await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("json2video", e.GetProperty("provider").GetString());
        Assert.Equal(project, e.GetProperty("jobId").GetString());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.Equal(1920, e.GetProperty("width").GetInt32());
        Assert.Equal(1080, e.GetProperty("height").GetInt32());
        Assert.Equal(4567890, e.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(10.5, e.GetProperty("durationSeconds").GetDouble());
        Assert.Equal("your-movie-id", e.GetProperty("movieId").GetString());
        Assert.Equal("ord_42", e.GetProperty("clientData").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task Json2VideoEmptyUrlWithoutStatus_Processed_UnverifiedFailureEvent()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var body = $$$"""{"width":"1920","height":"1080","duration":"","size":"","url":"","project":"{{{project}}}","id":"m-1","client-data":{"order_id":"ord_42"}}""";

        await pipeline.PostAsync("json2video", body);
        await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("render.failed", e.GetProperty("type").GetString());
        Assert.Equal("webhook", e.GetProperty("source").GetString());
        Assert.False(e.GetProperty("verified").GetBoolean());
        Assert.Equal("NO_OUTPUT_URL", e.GetProperty("error").GetProperty("code").GetString());
        Assert.False(e.TryGetProperty("outputUrl", out _));
        Assert.Equal("ord_42", e.GetProperty("clientData").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task LargeNonAsciiClientData_Processed_KeptWholeInJobAndEvent()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var note = new string('é', 15_000);
        var body = $$$"""{"url":"https://assets.json2video.com/r/m.mp4","project":"{{{project}}}","client-data":{"note":"{{{note}}}"}}""";

        var accepted = await pipeline.PostAsync("json2video", body);
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(IntakeStatus.Accepted, accepted.Status);
        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(note, e.GetProperty("clientData").GetProperty("note").GetString());
        var job = await pipeline.Jobs.GetAsync("json2video", project);
        Assert.Equal(note, job!.ClientData!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientDataOverLimit_Processed_RecordedWithoutItAndEventPublished()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var escapedControls = string.Concat(Enumerable.Repeat("\\u0001", 5_500));
        var body = $$$"""{"url":"https://assets.json2video.com/r/m.mp4","project":"{{{project}}}","client-data":{"x":"{{{escapedControls}}}"}}""";

        await pipeline.PostAsync("json2video", body);
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.False(e.TryGetProperty("clientData", out _));
        var job = await pipeline.Jobs.GetAsync("json2video", project);
        Assert.Null(job!.ClientData);
        Assert.Equal(1, job.DeliveryCount);
    }

    [Fact]
    public async Task FiftyConcurrentIdenticalDeliveries_ProcessedConcurrently_OneJobOneEvent()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowCompleted(jobId);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => pipeline.PostAsync("phantomflow", body)));
        Assert.All(accepted, a => Assert.Equal(IntakeStatus.Accepted, a.Status));

        var messages = await pipeline.ReceiveDeliveriesAsync();
        Assert.Equal(50, messages.Count);
        var results = await Task.WhenAll(messages.Select(pipeline.ProcessAsync));

        Assert.Single(results, r => r.Outcome == ProcessingOutcome.Recorded);
        Assert.Equal(49, results.Count(r => r.Outcome == ProcessingOutcome.Duplicate));
        Assert.Single(results, r => r.PublishedEventId is not null);
        Assert.Single(await pipeline.PeekEventsAsync());

        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.NotNull(job);
        Assert.Equal(50, job.DeliveryCount);
        Assert.False(job.EventPending);
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), job.LastEventId);
    }

    [Fact]
    public async Task TwoDeliveriesOfARegisteredJobRaceOnItsReplace_OneRecordsAndPublishes_TheOtherIsADuplicate()
    {
        // A registered job exists, so both deliveries' inserts fail (409) and both go on to replace the row they read. A
        // proxy in front of the table holds those two replaces until both are in flight: each was made with the row's
        // ETag from before either wrote, and only the conditional write (If-Match) lets exactly one of them win.
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.TablePort);
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", proxy.Redirect(azurite.ConnectionString, azurite.TablePort))]);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.RegisterAsync("phantomflow", jobId);
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var messages = await pipeline.ReceiveDeliveriesAsync();
        var jobs = pipeline.Names.JobsTable;
        var race = proxy.Hold(r => r.Method == "PUT" && r.On(jobs) && r.IsConditional && r.InPartition("phantomflow"), count: 2);

        var results = await Eventually.CompletedAsync(Task.WhenAll(messages.Select(pipeline.ProcessAsync)), "both deliveries processed");

        Assert.Equal(2, race.Matched);
        var recorded = Assert.Single(results, r => r.Outcome == ProcessingOutcome.Recorded);
        Assert.Single(results, r => r.Outcome == ProcessingOutcome.Duplicate);
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), Assert.Single(results, r => r.PublishedEventId is not null).PublishedEventId);
        Assert.Single(await pipeline.PeekEventsAsync());
        var row = await pipeline.Storage.JobsTable.RowAsync("phantomflow", TableKey.Encode(jobId));
        Assert.Equal(recorded.DeliveryId, row!.GetString("RecordedByDeliveryId"));
        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.Equal((2, false), (job!.DeliveryCount, job.EventPending));
    }

    [Fact]
    public async Task CrashBetweenRecordAndPublish_MessageRedelivered_RepublishesSameEventId()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var message = Assert.Single(await pipeline.ReceiveDeliveriesAsync());

        // The events queue is gone, so the first attempt records the state and then fails to publish: a crash.
        await pipeline.Storage.EventsQueue.DeleteIfExistsAsync();
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(
            () => pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 1)));
        var pending = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.NotNull(pending);
        Assert.True(pending.EventPending);
        Assert.Equal("completed", pending.Status);

        // The queue redelivers the same message; storage is back.
        await pipeline.Storage.EventsQueue.CreateIfNotExistsAsync();
        var retry = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 2));
        var again = await pipeline.Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, 3));

        Assert.Equal(ProcessingOutcome.Recorded, retry.Outcome);
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), retry.PublishedEventId);
        Assert.Null(again.PublishedEventId);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal(retry.PublishedEventId, e.GetProperty("eventId").GetString());
        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.False(job!.EventPending);
        Assert.Equal(1, job.DeliveryCount);
    }

    [Fact]
    public async Task PublisherCrashed_OtherDeliveryAfterLease_PublishesPendingEventWithSameId()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, s => s.AddSingleton<TimeProvider>(time));
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowFailed(jobId);
        await pipeline.PostAsync("phantomflow", body);
        await pipeline.PostAsync("phantomflow", body);
        await pipeline.PostAsync("phantomflow", body);
        var messages = await pipeline.ReceiveDeliveriesAsync();
        Assert.Equal(3, messages.Count);

        await pipeline.Storage.EventsQueue.DeleteIfExistsAsync();
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(
            () => pipeline.Processor.ProcessAsync(messages[0].Body, new QueueMessageInfo(messages[0].MessageId, 1)));
        await pipeline.Storage.EventsQueue.CreateIfNotExistsAsync();

        // Within the publisher's lease another delivery must not publish: the publisher may still be at work.
        var during = await pipeline.Processor.ProcessAsync(messages[1].Body, new QueueMessageInfo(messages[1].MessageId, 1));
        Assert.Equal(ProcessingOutcome.Duplicate, during.Outcome);
        Assert.Null(during.PublishedEventId);
        Assert.Empty(await pipeline.PeekEventsAsync());

        // After the lease, the next delivery of the job publishes the pending event in its place.
        time.Advance(TimeSpan.FromMinutes(2));
        var after = await pipeline.Processor.ProcessAsync(messages[2].Body, new QueueMessageInfo(messages[2].MessageId, 1));
        Assert.Equal(ProcessingOutcome.Duplicate, after.Outcome);
        Assert.Equal(EventIds.For("phantomflow", jobId, "failed", false), after.PublishedEventId);

        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("render.failed", e.GetProperty("type").GetString());
        Assert.Equal("RENDER_FAILED", e.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ConflictingTerminalState_SecondReport_FirstStateStandsAndNoSecondEvent()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));
        await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowFailed(jobId));

        var second = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Conflict, second.Outcome);
        Assert.Single(await pipeline.PeekEventsAsync());
        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        Assert.Equal("completed", job!.Status);
        Assert.Equal(2, job.DeliveryCount);
    }

    [Fact]
    public async Task UnparseablePayload_Processed_ArchivedRawWithReasonAndAcknowledged()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        const string body = """{"status":"completed","output_url":"https://x/y.mp4"}""";
        var accepted = await pipeline.PostAsync("phantomflow", body);

        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Unparseable, result.Outcome);
        Assert.Contains("job_id", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await pipeline.PeekEventsAsync());
        var archived = await pipeline.Storage.DeliveriesTable.RowAsync("phantomflow|~unparsed", accepted.DeliveryId!);
        Assert.NotNull(archived);
        Assert.Equal(TestPayloads.Utf8(body), archived.GetBinary("Body"));
        Assert.Equal("Unparseable", archived.GetString("Outcome"));
        Assert.Equal(result.Reason, archived.GetString("Reason"));
    }

    [Fact]
    public async Task QueueMessageThatIsNoEnvelope_Processed_ArchivedAsUnreadable()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var raw = BinaryData.FromString("this is not a delivery");

        var result = await pipeline.Processor.ProcessAsync(raw, new QueueMessageInfo("m-1", 1));

        Assert.Equal(ProcessingOutcome.Unreadable, result.Outcome);
        var archived = await pipeline.Storage.DeliveriesTable.RowAsync("~unreadable", "m-1");
        Assert.NotNull(archived);
        Assert.Equal(raw.ToArray(), archived.GetBinary("Body"));
        Assert.False(string.IsNullOrEmpty(archived.GetString("Reason")));
    }

    [Fact]
    public async Task RecordedDelivery_Archived_WithBodyOutcomeAndEventId()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var body = TestPayloads.Json2VideoCompleted(project);
        var accepted = await pipeline.PostAsync("json2video", body);

        await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        var archived = await pipeline.Storage.DeliveriesTable.RowAsync("json2video|" + TableKey.Encode(project), accepted.DeliveryId!);
        Assert.NotNull(archived);
        Assert.Equal(TestPayloads.Utf8(body), archived.GetBinary("Body"));
        Assert.Equal("Recorded", archived.GetString("Outcome"));
        Assert.Equal(EventIds.For("json2video", project, "completed", false), archived.GetString("ReportedEventId"));
        Assert.Equal("application/json", archived.GetString("ContentType"));
    }
}
