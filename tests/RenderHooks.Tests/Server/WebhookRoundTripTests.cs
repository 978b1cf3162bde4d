using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Events;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>Webhook in, event out: the server's routes and its queue consumer, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRoundTripTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(azurite);
        _client = await _server.CreateHealthyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DeleteStorageAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PhantomFlowWebhook_Posted_NormalizedEventPublishedWithinSeconds()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var response = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString();
        Assert.False(string.IsNullOrEmpty(deliveryId));
        var events = await WaitForEventsAsync(1);
        Assert.Equal(jobId, events[0].GetProperty("jobId").GetString());
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), events[0].GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Json2VideoUrlencodedWebhook_Posted_NormalizedEventPublished()
    {
        var project = TestPayloads.NewJson2VideoProject();

        var response = await PostAsync("JSON2Video", TestPayloads.Json2VideoCompletedForm(project), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = (await WaitForEventsAsync(1))[0];
        Assert.Equal("json2video", e.GetProperty("provider").GetString());
        Assert.Equal(project, e.GetProperty("jobId").GetString());
        Assert.Equal("ord_42", e.GetProperty("clientData").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task FiftyConcurrentIdenticalWebhooks_Posted_OneJobOneEventFiftyDeliveries()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowCompleted(jobId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync("phantomflow", body, "application/json")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var job = await Eventually.GetAsync(
            () => GetJobAsync("phantomflow", jobId),
            j => j is { DeliveryCount: 50, EventPending: false },
            "all 50 deliveries processed");
        Assert.Equal("completed", job!.Status);
        Assert.Equal(0, await _server.Storage.DeliveriesQueue.GetApproximateMessageCountAsync());
        var events = await _server.Storage.EventsQueue.PeekMessagesAsync(32);
        Assert.Single(events);
    }

    [Fact]
    public async Task RotatedToken_BothConfigured_BothAccepted()
    {
        var first = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), "application/json", ServerFactory.Token);
        var second = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), "application/json", ServerFactory.SecondToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task GetJob_WithoutOrWithWrongKey_Unauthorized()
    {
        var none = await _client.GetAsync("/api/jobs/phantomflow/whatever");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/phantomflow/whatever");
        wrong.Headers.Add("x-functions-key", "not-the-management-key");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task GetJob_UnknownJobOrProvider_NotFound()
    {
        Assert.Null(await GetJobAsync("phantomflow", TestPayloads.NewPhantomFlowJobId()));
        Assert.Null(await GetJobAsync("runway", "abc"));
    }

    [Fact]
    public async Task GetJob_AfterFailedRender_ShowsStateVerificationAndDeliveries()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await PostAsync("phantomflow", TestPayloads.PhantomFlowFailed(jobId), "application/json");

        var job = await Eventually.GetAsync(() => GetJobAsync("phantomflow", jobId), j => j is { EventPending: false }, "the job recorded");

        Assert.Equal("failed", job!.Status);
        Assert.Equal("webhook", job.Source);
        Assert.False(job.Verified);
        Assert.Equal("pending", job.Verification);
        Assert.Equal(1, job.DeliveryCount);
        Assert.Equal("RENDER_FAILED", job.Error?.Code);
        Assert.Equal(EventIds.For("phantomflow", jobId, "failed", false), job.LastEventId);
    }

    [Fact]
    public async Task Health_StorageAnswers_Healthy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health/details");
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("queues").GetString());
        Assert.Equal("ok", body.GetProperty("tables").GetString());
    }

    [Fact]
    public async Task ProcessingKeepsFailing_FiveAttempts_MessageMovedToPoisonQueue()
    {
        // Without its jobs table every attempt fails; the fifth moves the delivery to the poison queue, intact.
        await _server.Storage.JobsTable.DeleteIfExistsAsync();
        var response = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), "application/json");
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString();

        var poisoned = await Eventually.GetAsync(
            () => _server.Storage.PoisonQueue.PeekMessagesAsync(32), m => m.Count > 0, "the poison queue", TimeSpan.FromSeconds(60));

        var message = Assert.Single(poisoned);
        Assert.True(RenderHooks.Deliveries.DeliveryEnvelopeSerializer.TryDeserialize(message.Body, out var envelope, out _));
        Assert.Equal(deliveryId, envelope.DeliveryId);
        await Eventually.GetAsync(
            () => Task.FromResult(_server.Logs.Lines.Any(l => l.Contains("moved to", StringComparison.Ordinal) && l.Contains("-poison", StringComparison.Ordinal))),
            logged => logged,
            "the poison move to be logged");
        Assert.Equal(0, await _server.Storage.DeliveriesQueue.GetApproximateMessageCountAsync());
        Assert.Equal(4, _server.Logs.Lines.Count(l => l.Contains("failed on attempt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MessageDequeuedMoreThanFiveTimes_Received_PoisonedWithoutProcessing()
    {
        // A message whose earlier attempts were all cut short (a crash or a hang leaves no failure to count).
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var names = PipelineNames.Unique(azurite);
        var queue = new RenderHooks.Storage.StorageQueueClient(azurite.Account, names.DeliveriesQueue);
        await queue.CreateIfNotExistsAsync();
        var envelope = new RenderHooks.Deliveries.DeliveryEnvelope
        {
            DeliveryId = "d-cut-short", Provider = "phantomflow", ReceivedAt = DateTimeOffset.UnixEpoch,
            ContentType = "application/json", Body = TestPayloads.Utf8(TestPayloads.PhantomFlowCompleted(jobId)),
        };
        await queue.SendMessageAsync(RenderHooks.Deliveries.DeliveryEnvelopeSerializer.Serialize(envelope));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Single(await Eventually.GetAsync(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)), m => m.Count == 1, "the message to reappear"));
        }

        await using var server = new ServerFactory(azurite, names: names);
        try
        {
            server.CreateClient();
            var poisoned = await Eventually.GetAsync(() => server.Storage.PoisonQueue.PeekMessagesAsync(32), m => m.Count > 0, "the poison queue");

            Assert.Single(poisoned);
            await Eventually.GetAsync(
                () => Task.FromResult(server.Logs.Lines.Any(l => l.Contains("unprocessed", StringComparison.Ordinal))), logged => logged, "the poison move to be logged");
            Assert.Equal(0, await server.Storage.DeliveriesQueue.GetApproximateMessageCountAsync());
            Assert.Null(await server.Services.GetRequiredService<JobQueries>().GetAsync("phantomflow", jobId));
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string provider, string body, string contentType, string token = ServerFactory.Token)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return await _client.PostAsync($"/api/hooks/{provider}/{token}", content);
    }

    private async Task<JobView?> GetJobAsync(string provider, string jobId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{provider}/{jobId}");
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        var response = await _client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JobView>(JsonSerializerOptions.Web);
    }

    private async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(int count)
    {
        var messages = await Eventually.GetAsync(() => _server.Storage.EventsQueue.PeekMessagesAsync(32), m => m.Count >= count, $"{count} event(s)");
        return [.. messages.Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.Clone())];
    }
}
