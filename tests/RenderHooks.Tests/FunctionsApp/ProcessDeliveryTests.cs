using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// <c>ProcessDelivery</c> called as the worker calls it, with a <see cref="Azure.Storage.Queues.Models.QueueMessage"/>
/// taken from the deliveries queue: a delivery is recorded, archived and published; a message that is no delivery is
/// archived with the reason and acknowledged; a storage failure is thrown to the host, which retries the message (and
/// poisons it after maxDequeueCount, tested under a real host in tests/…/FunctionsHost).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsAppHost _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var names = PipelineNames.Unique(azurite);
        _app = await FunctionsAppHost.StartAsync(azurite.ConnectionString, names.DeliveriesQueue, FunctionsAppSettings.For(names));
        await _app.WaitUntilReadyAsync();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DeleteStorageAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Delivery_TakenFromTheQueue_RecordedArchivedAndPublishedOnce()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var deliveryId = await PostWebhookAsync(TestPayloads.PhantomFlowCompleted(jobId));
        var message = await TakeDeliveryAsync();

        await _app.ProcessAsync(message);

        var job = await _app.Services.GetRequiredService<JobQueries>().GetAsync("phantomflow", jobId);
        Assert.Equal("completed", job?.Status);
        Assert.Equal(1, job?.DeliveryCount);
        Assert.False(job?.EventPending);
        var archived = await _app.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("phantomflow", jobId), deliveryId);
        Assert.Equal("Recorded", archived?.GetString("Outcome"));
        Assert.Equal(message.MessageId, archived?.GetString("MessageId"));
        var events = await _app.Storage.EventsQueue.PeekAsync();
        var published = JsonDocument.Parse(Assert.Single(events).Body.ToMemory()).RootElement;
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", false), published.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task MessageThatIsNoDelivery_Processed_ArchivedWithTheReasonAndAcknowledged()
    {
        const string text = "this is not a delivery envelope";
        await _app.DeliveriesQueue.SendMessageAsync(text);
        var message = await TakeDeliveryAsync();

        await _app.ProcessAsync(message);

        var archived = await _app.Storage.DeliveriesTable.RowAsync(JobKeys.UnreadablePartition, TableKey.Encode(message.MessageId));
        Assert.NotNull(archived);
        Assert.Equal(Encoding.UTF8.GetBytes(text), archived.GetBinary("Body"));
        Assert.Equal("Unreadable", archived.GetString("Outcome"));
        Assert.False(string.IsNullOrEmpty(archived.GetString("Reason")));
        Assert.Empty(await _app.Storage.EventsQueue.PeekAsync());
    }

    [Fact]
    public async Task StorageFailure_WhileProcessing_ThrownToTheHost_AndTheRetrySucceeds()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await PostWebhookAsync(TestPayloads.PhantomFlowCompleted(jobId));
        await _app.Storage.JobsTable.DeleteAsync();
        var first = await TakeDeliveryAsync(TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => _app.ProcessAsync(first));

        Assert.Equal(404, failure.Status);
        Assert.Empty(await _app.Storage.EventsQueue.PeekAsync());

        // The host does not delete a message whose function threw: it comes back, one dequeue later.
        await _app.Storage.CreateIfNotExistsAsync();
        var retry = await Eventually.GetAsync(
            async () => (await _app.DeliveriesQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value,
            m => m.Length == 1,
            "the message to be visible again");
        Assert.Equal(first.MessageId, retry[0].MessageId);
        Assert.Equal(2, retry[0].DequeueCount);
        await _app.ProcessAsync(retry[0]);
        var job = await _app.Services.GetRequiredService<JobQueries>().GetAsync("phantomflow", jobId);
        Assert.Equal("completed", job?.Status);
        Assert.Single(await _app.Storage.EventsQueue.PeekAsync());
    }

    private async Task<string> PostWebhookAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
    }

    private async Task<Azure.Storage.Queues.Models.QueueMessage> TakeDeliveryAsync(TimeSpan? visibilityTimeout = null)
    {
        Azure.Storage.Queues.Models.QueueMessage[] messages = await _app.DeliveriesQueue.ReceiveMessagesAsync(32, visibilityTimeout ?? TimeSpan.FromMinutes(1));
        return Assert.Single(messages);
    }
}
