using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Webhook in, event out, in both hosts (<see cref="OnServer.WebhookRoundTripOnServer"/>,
/// <see cref="OnFunctions.WebhookRoundTripOnFunctions"/>): the webhook route, the queue's consumer, the job route and
/// health, on Azurite. The job route's management key is the host's (the server's filter; function keys, checked by
/// the Functions host before the worker runs): it is tested on the server (<c>Server/ManagementKeyTests</c>) and under
/// a real Functions host (<c>FunctionsHost/</c>); the requests here send the server's key, which the Functions app ignores.
/// </summary>
public abstract class WebhookRoundTripContract(IContractHosts hosts) : IAsyncLifetime
{
    private IContractHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await hosts.StartAsync();
        _client = _host.Client;
    }

    public async Task DisposeAsync()
    {
        await _host.DeleteStorageAsync();
        await _host.DisposeAsync();
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
        var refused = 0;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ProviderRetry.PostAsync(
            _client, $"/api/hooks/phantomflow/{ServerFactory.Token}", () => Json(body), () => Interlocked.Increment(ref refused))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _host.ProcessDeliveriesAsync();
        // Done when the queue is empty: a message is deleted only after its delivery is recorded and archived. (Seeing the
        // 50th delivery counted on the job is not enough: its message may still be on its way out.) A 503 whose write had
        // landed is one more delivery.
        await Eventually.GetAsync(() => _host.Storage.DeliveriesQueue.CountAsync(), left => left == 0, "every delivery processed");
        var job = await GetJobAsync("phantomflow", jobId);
        Assert.Equal(("completed", false), (job!.Status, job.EventPending));
        Assert.InRange(job.DeliveryCount, 50, 50 + refused);
        var events = await _host.Storage.EventsQueue.PeekAsync();
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
        await _host.ProcessDeliveriesAsync();

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
        Assert.Equal("ok", body.GetProperty("blobs").GetString());
        ContractJson.AssertConventions(body);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

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
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            ContractJson.AssertProblem(await response.Content.ReadFromJsonAsync<JsonElement>(), 404);
            return null;
        }

        response.EnsureSuccessStatusCode();
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        ContractJson.AssertConventions(job);
        return job.Deserialize<JobView>(JsonSerializerOptions.Web);
    }

    private async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(int count)
    {
        await _host.ProcessDeliveriesAsync();
        var messages = await Eventually.GetAsync(() => _host.Storage.EventsQueue.PeekAsync(), m => m.Length >= count, $"{count} event(s)");
        return [.. messages.Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.Clone())];
    }
}
