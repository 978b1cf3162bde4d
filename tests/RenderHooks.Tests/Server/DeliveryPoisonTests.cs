using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server's queue consumer moves a delivery that keeps failing to the poison queue, intact, as the Functions host
/// does (under a real host: tests/…/FunctionsHost; in process, FunctionsApp/ProcessDeliveryTests checks that the
/// failure reaches the host).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryPoisonTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task ProcessingKeepsFailing_FiveAttempts_MessageMovedToPoisonQueue()
    {
        // Without its jobs table every attempt fails; the fifth moves the delivery to the poison queue, intact.
        await _server.Storage.JobsTable.DeleteAsync();
        var response = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), "application/json");
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString();

        var poisoned = await Eventually.GetAsync(
            () => _server.Storage.PoisonQueue.PeekAsync(), m => m.Length > 0, "the poison queue", TimeSpan.FromSeconds(60));

        var message = Assert.Single(poisoned);
        Assert.True(RenderHooks.Deliveries.DeliveryEnvelopeSerializer.TryDeserialize(message.Body, out var envelope, out _));
        Assert.Equal(deliveryId, envelope.DeliveryId);
        await Eventually.GetAsync(
            () => Task.FromResult(_server.Logs.Lines.Any(l => l.Contains("moved to", StringComparison.Ordinal) && l.Contains("-poison", StringComparison.Ordinal))),
            logged => logged,
            "the poison move to be logged");
        Assert.Equal(0, await _server.Storage.DeliveriesQueue.CountAsync());
        var failures = _server.Logs.Lines.Where(l => l.Contains("failed on attempt", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, failures.Count);

        // Each failure says which table failed, and how.
        Assert.All(failures, l => Assert.Contains($"Table '{_server.Names.JobsTable}' answered 404 TableNotFound", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageDequeuedMoreThanFiveTimes_Received_PoisonedWithoutProcessing()
    {
        // A message whose earlier attempts were all cut short (a crash or a hang leaves no failure to count).
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var names = PipelineNames.Unique(azurite);
        var queue = azurite.CreateStorage(names).DeliveriesQueue;
        await queue.CreateIfNotExistsAsync();
        var envelope = new RenderHooks.Deliveries.DeliveryEnvelope
        {
            DeliveryId = "d-cut-short", Provider = "phantomflow", ReceivedAt = DateTimeOffset.UnixEpoch,
            ContentType = "application/json", Body = TestPayloads.Utf8(TestPayloads.PhantomFlowCompleted(jobId)),
        };
        await queue.SendMessageAsync(RenderHooks.Deliveries.DeliveryEnvelopeSerializer.Serialize(envelope));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Single(await Eventually.GetAsync(async () => (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value, m => m.Length == 1, "the message to reappear"));
        }

        await using var server = new ServerFactory(azurite, names: names);
        try
        {
            server.CreateClient();
            var poisoned = await Eventually.GetAsync(() => server.Storage.PoisonQueue.PeekAsync(), m => m.Length > 0, "the poison queue");

            Assert.Single(poisoned);
            await Eventually.GetAsync(
                () => Task.FromResult(server.Logs.Lines.Any(l => l.Contains("unprocessed", StringComparison.Ordinal))), logged => logged, "the poison move to be logged");
            Assert.Equal(0, await server.Storage.DeliveriesQueue.CountAsync());
            Assert.Null(await server.Services.GetRequiredService<JobQueries>().GetAsync("phantomflow", jobId));
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string provider, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return await _client.PostAsync($"/api/hooks/{provider}/{ServerFactory.Token}", content);
    }
}
