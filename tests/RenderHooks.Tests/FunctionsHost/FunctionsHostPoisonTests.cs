using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Deliveries;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// A delivery whose processing fails every time, under the real host: the events queue is deleted once the app has
/// created it, so every attempt records the job, archives the delivery, then fails to publish with the storage
/// error the Azure SDK raises (404 QueueNotFound) — an exception out of <c>ProcessDelivery</c>, which the host sees.
/// The host makes the message visible again after <c>visibilityTimeout</c> and, at <c>maxDequeueCount</c> (host.json: 5),
/// moves it to <c>renderhooks-deliveries-poison</c>. Its own host, as the other classes need their events queue.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
[Trait("Category", FunctionsHostCollection.Category)]
public sealed class FunctionsHostPoisonTests(FunctionsApp app, FunctionsHostFixture fixture, ITestOutputHelper output) : IClassFixture<FunctionsHostFixture>
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>.</summary>
    private const int MaxDequeueCount = 5;

    [FunctionsHostFact]
    public async Task DeliveryFailingEveryTime_MovedToThePoisonQueueAfterMaxDequeueCount_Archived()
    {
        var host = await fixture.HostAsync(app);
        var storage = fixture.Storage;
        try
        {
            Assert.True(await storage.EventsQueue.ExistsAsync(), "the app created the events queue when it started");
            await storage.EventsQueue.DeleteAsync();
            var jobId = TestPayloads.NewPhantomFlowJobId();
            using var client = host.CreateClient();
            var clock = Stopwatch.StartNew();

            var answer = await client.PostAsync(
                new Uri($"/api/hooks/phantomflow/{FunctionsHostFixture.Token}", UriKind.Relative),
                new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var deliveryId = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString();
            // Five attempts 5 s apart (visibilityTimeout), each found within maxPollingInterval (1 s).
            var poisoned = await Eventually.GetAsync(
                async () => (await storage.PoisonQueue.ExistsAsync()) ? (await storage.PoisonQueue.PeekMessagesAsync(32)).Value : [],
                messages => messages.Length > 0,
                "the delivery in the poison queue",
                TimeSpan.FromMinutes(3));
            output.WriteLine($"Poisoned {clock.Elapsed.TotalSeconds:F1} s after intake answered.");

            var message = Assert.Single(poisoned);
            Assert.True(DeliveryEnvelopeSerializer.TryDeserialize(message.Body, out var envelope, out var unreadable), unreadable);
            Assert.Equal(deliveryId, envelope.DeliveryId);
            // The host adds the message to the poison queue, then deletes it from the deliveries queue: wait for the delete.
            await Eventually.GetAsync(
                () => AppStorage.CountAsync(storage.DeliveriesQueue),
                count => count == 0,
                "the poisoned message gone from the deliveries queue",
                TimeSpan.FromSeconds(30));
            var archived = Assert.Single(await storage.ArchivedAsync("phantomflow", jobId));
            Assert.Equal(deliveryId, archived.RowKey);
            Assert.Equal("Recorded", archived.GetString("Outcome"));
            Assert.Equal(MaxDequeueCount, Convert.ToInt64(archived["DequeueCount"], CultureInfo.InvariantCulture));
            Assert.False(await storage.EventsQueue.ExistsAsync(), "nothing recreated the events queue: every attempt failed");
        }
        catch
        {
            output.WriteLine($"Output of {host.Description} (last lines):\n{host.RecentOutput}");
            throw;
        }
    }
}
