using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Webhooks larger than a queue message, in both hosts (<see cref="OnServer.LargePayloadOnServer"/>,
/// <see cref="OnFunctions.LargePayloadOnFunctions"/>): a JSON2Video webhook of 40 KiB or 1 MiB, JSON or urlencoded, is
/// accepted, goes through a payload blob, and gives one event with its client data; the archive keeps the body byte for
/// byte, in its row (up to 64 KiB, the blob deleted) or in the blob it references (tagged archived). When the blob is
/// written but the enqueue fails, the caller gets 503 and no event is ever published.
/// </summary>
public abstract class LargePayloadContract(IContractHosts hosts, AzuriteFixture azurite)
{
    [Theory]
    [InlineData(40 * 1024, false)]
    [InlineData(40 * 1024, true)]
    [InlineData(IntakeOptions.DefaultMaxBodyBytes, false)]
    [InlineData(IntakeOptions.DefaultMaxBodyBytes, true)]
    public async Task LargeJson2VideoWebhook_Posted_OneEventWithItsClientDataAndTheBodyArchived(int bytes, bool form)
    {
        await using var host = await hosts.StartAsync();
        var project = TestPayloads.NewJson2VideoProject();
        var body = LargePayloads.Json2VideoCompleted(project, bytes, form);

        var response = await PostAsync(host.Client, body, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
        await host.ProcessDeliveriesAsync();
        var row = await Eventually.GetAsync(
            () => host.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("json2video", project), deliveryId), r => r is not null, "the delivery archived");
        await Eventually.GetAsync(() => host.Storage.DeliveriesQueue.CountAsync(), left => left == 0, "the message acknowledged");
        var events = await host.Storage.EventsQueue.PeekAsync();
        var e = JsonDocument.Parse(Assert.Single(events).Body.ToMemory()).RootElement;
        Assert.Equal(project, e.GetProperty("jobId").GetString());
        Assert.True(JsonNode.DeepEquals(LargePayloads.ClientData(), JsonNode.Parse(e.GetProperty("clientData").GetRawText())), "the event's client data is the webhook's");

        Assert.Equal("Recorded", row!.GetString("Outcome"));
        if (bytes <= 65_536)
        {
            Assert.Equal(body, row.GetBinary("Body"));
            Assert.Empty(await host.Storage.PayloadsContainer.BlobNamesAsync());
        }
        else
        {
            Assert.False(row.ContainsKey("Body"));
            Assert.Equal((deliveryId, bytes), (row.GetString("BodyBlob"), row.GetInt32("BodyBytes")));
            var blob = host.Storage.PayloadsContainer.GetBlobClient(deliveryId);
            Assert.Equal(body, (await blob.DownloadContentAsync()).Value.Content.ToArray());
            Assert.Equal("archived", await host.Storage.PayloadsContainer.StateTagAsync(deliveryId));
        }
    }

    [Fact]
    public async Task QueueSizedWebhook_Posted_NoBlobRequestAndBodyInTheMessage()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.BlobPort);
        await using var host = await hosts.StartAsync(connectionString: proxy.Redirect(azurite.ConnectionString, azurite.BlobPort));
        await Eventually.GetAsync(() => host.Client.GetAsync("/api/health"), r => r.StatusCode == HttpStatusCode.OK, "storage ready");
        var blobWrites = proxy.Requests.Count(r => r.Method != "GET");
        var project = TestPayloads.NewJson2VideoProject();
        var body = LargePayloads.Json2VideoCompleted(project, IntakeOptions.QueueBodyLimit, form: false);

        var response = await PostAsync(host.Client, body, form: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
        await host.ProcessDeliveriesAsync();
        var row = await Eventually.GetAsync(
            () => host.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("json2video", project), deliveryId), r => r is not null, "the delivery archived");
        Assert.Equal(body, row!.GetBinary("Body"));
        Assert.False(row.ContainsKey("BodyBlob"));
        Assert.Equal(blobWrites, proxy.Requests.Count(r => r.Method != "GET"));
        await host.DeleteStorageAsync();
    }

    [Fact]
    public async Task LargeWebhook_BlobWrittenButItsAnswerLost_TheRetryFindsIt_OkAndOneEvent()
    {
        // Storage writes the blob, and the answer is lost (a 500 in its place): the SDK's retry gets 409 BlobAlreadyExists,
        // which is this request's own blob, whole. The provider must get 200: JSON2Video never sends the webhook again.
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.BlobPort);
        await using var host = await hosts.StartAsync(connectionString: proxy.Redirect(azurite.ConnectionString, azurite.BlobPort));
        await Eventually.GetAsync(() => host.Client.GetAsync("/api/health"), r => r.StatusCode == HttpStatusCode.OK, "storage ready");
        var uploads = proxy.LoseAnswer(r => r.Method == "PUT" && !r.Query.Contains("comp=", StringComparison.Ordinal) && !r.Query.Contains("restype=", StringComparison.Ordinal), 500, "InternalError", times: 1);
        var project = TestPayloads.NewJson2VideoProject();
        var body = LargePayloads.Json2VideoCompleted(project, 100_000, form: false);

        var response = await PostAsync(host.Client, body, form: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, uploads.Matched);
        Assert.Equal(2, proxy.Requests.Count(r => r.Method == "PUT" && !r.Query.Contains("comp=", StringComparison.Ordinal) && !r.Query.Contains("restype=", StringComparison.Ordinal)));
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
        await host.ProcessDeliveriesAsync();
        var row = await Eventually.GetAsync(
            () => host.Storage.DeliveriesTable.RowAsync(JobKeys.DeliveriesPartition("json2video", project), deliveryId), r => r is not null, "the delivery archived");
        Assert.Equal("Recorded", row!.GetString("Outcome"));
        var e = JsonDocument.Parse(Assert.Single(await host.Storage.EventsQueue.PeekAsync()).Body.ToMemory()).RootElement;
        Assert.Equal(project, e.GetProperty("jobId").GetString());
        await host.DeleteStorageAsync();
    }

    [Fact]
    public async Task LargeWebhook_BlobWrittenButEnqueueFails_ServiceUnavailableAndNoEventEver()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.QueuePort);
        await using var host = await hosts.StartAsync(connectionString: proxy.Redirect(azurite.ConnectionString, azurite.QueuePort));
        await Eventually.GetAsync(() => host.Client.GetAsync("/api/health"), r => r.StatusCode == HttpStatusCode.OK, "storage ready");
        var enqueues = proxy.Fail(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal), 503, "ServerBusy");
        var body = LargePayloads.Json2VideoCompleted(TestPayloads.NewJson2VideoProject(), 100_000, form: false);

        var response = await PostAsync(host.Client, body, form: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.True(enqueues.Matched > 0, "the enqueue was tried and failed");
        var orphan = Assert.Single(await host.Storage.PayloadsContainer.BlobNamesAsync());
        Assert.Equal("received", await host.Storage.PayloadsContainer.StateTagAsync(orphan));
        enqueues.Lift();
        await host.ProcessDeliveriesAsync();
        Assert.Equal(0, await host.Storage.DeliveriesQueue.CountAsync());
        Assert.Empty(await host.Storage.EventsQueue.PeekAsync());
        Assert.Empty(await host.Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
        Assert.Equal("received", await host.Storage.PayloadsContainer.StateTagAsync(orphan));
        await host.DeleteStorageAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, bool form)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(form ? "application/x-www-form-urlencoded" : "application/json");
        return await client.PostAsync($"/api/hooks/json2video/{ServerFactory.Token}", content);
    }
}
