using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using RenderHooks.Events;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The Functions app under a real Functions host, end to end on Azurite: webhooks in through the host's HTTP
/// pipeline and the worker, processed by the host's queue trigger, events out; the host's function keys on the job
/// routes and the listings; reconciliation on the host's timer at the configured schedule.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
[Trait("Category", FunctionsHostCollection.Category)]
public sealed class FunctionsHostEndToEndTests(FunctionsApp app, FunctionsHostFixture fixture, ITestOutputHelper output)
    : IClassFixture<FunctionsHostFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Processed = TimeSpan.FromSeconds(60);

    private FunctionsHost _host = null!;
    private HttpClient _client = null!;

    private AppStorage Storage => fixture.Storage;

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _host = await fixture.HostAsync(app);
        _client = _host.CreateClient();
        output.WriteLine($"Host: {_host.Description}; app {app.How}; ready after {clock.Elapsed.TotalSeconds:F1} s.");
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    [FunctionsHostFact]
    public Task BothProvidersWebhooks_ThroughTheHost_OneEventEachOnTheEventsQueue() => LoggedAsync(async () =>
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var project = TestPayloads.NewJson2VideoProject();

        var phantomFlow = await PostAsync("phantomflow", FunctionsHostFixture.Token, TestPayloads.PhantomFlowCompleted(jobId), "application/json");
        var json2Video = await PostAsync("json2video", FunctionsHostFixture.Token, TestPayloads.Json2VideoCompletedForm(project), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, phantomFlow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json2Video.StatusCode);
        Assert.False(string.IsNullOrEmpty((await phantomFlow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()));
        await WaitUntilProcessedAsync(("phantomflow", jobId, 1), ("json2video", project, 1));
        var pf = Assert.Single(await Storage.EventsOfAsync(jobId));
        var j2v = Assert.Single(await Storage.EventsOfAsync(project));
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", verified: false), pf.GetProperty("eventId").GetString());
        Assert.Equal("webhook", pf.GetProperty("source").GetString());
        Assert.Equal(EventIds.For("json2video", project, "completed", verified: false), j2v.GetProperty("eventId").GetString());
        Assert.Equal("ord_42", j2v.GetProperty("clientData").GetProperty("order_id").GetString());
    });

    [FunctionsHostFact]
    public Task OneMiBJson2VideoWebhook_ThroughTheHost_OneEventWithItsClientDataAndTheBodyInABlob() => LoggedAsync(async () =>
    {
        var project = TestPayloads.NewJson2VideoProject();
        var body = LargePayloads.Json2VideoCompleted(project, IntakeOptions.DefaultMaxBodyBytes, form: false);

        var response = await PostAsync("json2video", FunctionsHostFixture.Token, Encoding.UTF8.GetString(body), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliveryId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
        await WaitUntilProcessedAsync(("json2video", project, 1));
        var e = Assert.Single(await Storage.EventsOfAsync(project));
        Assert.Equal(EventIds.For("json2video", project, "completed", verified: false), e.GetProperty("eventId").GetString());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(LargePayloads.ClientData(), System.Text.Json.Nodes.JsonNode.Parse(e.GetProperty("clientData").GetRawText())));
        var row = Assert.Single(await Storage.ArchivedAsync("json2video", project));
        Assert.Equal((deliveryId, body.Length), (row.GetString("BodyBlob"), row.GetInt32("BodyBytes")));
        var blob = Storage.PayloadsContainer.GetBlobClient(deliveryId);
        Assert.Equal(body, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal("archived", (await blob.GetTagsAsync()).Value.Tags["renderhooks-state"]);
    });

    [FunctionsHostFact]
    public Task SameWebhookTwice_BothAccepted_BothArchivedAndOneEvent() => LoggedAsync(async () =>
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var body = TestPayloads.PhantomFlowCompleted(jobId);

        var first = await PostAsync("phantomflow", FunctionsHostFixture.Token, body, "application/json");
        var second = await PostAsync("phantomflow", FunctionsHostFixture.Token, body, "application/json");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await WaitUntilProcessedAsync(("phantomflow", jobId, 2));
        var archived = await Storage.ArchivedAsync("phantomflow", jobId);
        Assert.Equal(new[] { "Duplicate", "Recorded" }, archived.Select(r => r.GetString("Outcome")).Order());
        var published = Assert.Single(await Storage.EventsOfAsync(jobId));
        Assert.Equal(EventIds.For("phantomflow", jobId, "completed", verified: false), published.GetProperty("eventId").GetString());
    });

    [FunctionsHostFact]
    public Task WrongToken_Refused404_NothingQueuedArchivedOrRecorded() => LoggedAsync(async () =>
    {
        var refusedJob = TestPayloads.NewPhantomFlowJobId();
        var laterJob = TestPayloads.NewPhantomFlowJobId();

        var refused = await PostAsync("phantomflow", "not-the-token-0123456789abcdef", TestPayloads.PhantomFlowCompleted(refusedJob), "application/json");
        var refusedProvider = await PostAsync("runway", FunctionsHostFixture.Token, TestPayloads.PhantomFlowCompleted(refusedJob), "application/json");
        // Sent after the refused ones, so once it is processed anything queued before it would have been too.
        var later = await PostAsync("phantomflow", FunctionsHostFixture.Token, TestPayloads.PhantomFlowCompleted(laterJob), "application/json");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedProvider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        await WaitUntilProcessedAsync(("phantomflow", laterJob, 1));
        var archive = await Storage.AllArchivedAsync();
        Assert.Contains(archive, row => row.GetString("JobId") == laterJob);
        Assert.DoesNotContain(archive, row => row.GetString("JobId") == refusedJob || Encoding.UTF8.GetString(row.GetBinary("Body") ?? []).Contains(refusedJob, StringComparison.Ordinal));
        Assert.False((await Storage.JobsTable.GetEntityIfExistsAsync<TableEntity>("phantomflow", refusedJob)).HasValue);
        Assert.Empty(await Storage.EventsOfAsync(refusedJob));
        Assert.Equal(0, await AppStorage.CountAsync(Storage.PoisonQueue));
    });

    [FunctionsHostFact]
    public Task WebhookUrl_OtherMethods405FromTheApp_PostWithCodeQueryAccepted() => LoggedAsync(async () =>
    {
        // The host routes by method: GET reaches RefuseWebhookMethod (405 + Allow, as the server answers), POST still
        // ReceiveWebhook, whose anonymous route ignores ?code=.
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var get = await _client.GetAsync(new Uri($"/api/hooks/phantomflow/{FunctionsHostFixture.Token}", UriKind.Relative));
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/hooks/json2video/not-the-token-0123456789", UriKind.Relative));
        var deleted = await _client.SendAsync(delete);
        var post = await PostAsync("phantomflow", FunctionsHostFixture.Token + "?code=some-function-key", TestPayloads.PhantomFlowCompleted(jobId), "application/json");

        foreach (var refused in new[] { get, deleted })
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
            Assert.Equal(["POST"], refused.Content.Headers.Allow);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(405, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await WaitUntilProcessedAsync(("phantomflow", jobId, 1));
    });

    [FunctionsHostFact]
    public Task JobRoutes_WithoutTheFunctionKey_Refused401_WithIt_Served() => LoggedAsync(async () =>
    {
        var project = TestPayloads.NewJson2VideoProject();
        var registration = $$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_7"}""";

        var unkeyedRegister = await SendAsync(HttpMethod.Post, "/api/jobs", key: null, registration);
        var unkeyedGet = await SendAsync(HttpMethod.Get, $"/api/jobs/json2video/{project}", key: null);
        var wrongKeyGet = await SendAsync(HttpMethod.Get, $"/api/jobs/json2video/{project}", key: "not-a-function-key");

        Assert.Equal(HttpStatusCode.Unauthorized, unkeyedRegister.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyedGet.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKeyGet.StatusCode);
        Assert.False((await Storage.JobsTable.GetEntityIfExistsAsync<TableEntity>("json2video", project)).HasValue);

        var key = await _host.GetFunctionKeyAsync();
        var register = await SendAsync(HttpMethod.Post, "/api/jobs", key, registration);
        var get = await SendAsync(HttpMethod.Get, $"/api/jobs/json2video/{project}", key);
        var byQuery = await _client.GetAsync(new Uri($"/api/jobs/json2video/{project}?code={Uri.EscapeDataString(key)}", UriKind.Relative));
        var unknown = await SendAsync(HttpMethod.Get, $"/api/jobs/json2video/{TestPayloads.NewJson2VideoProject()}", key);

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var job = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(project, job.GetProperty("jobId").GetString());
        Assert.Equal("ord_7", job.GetProperty("reference").GetString());
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    });

    [FunctionsHostFact]
    public Task Listings_WithoutTheFunctionKey_Refused401_WithItInTheHeaderOrCode_Served() => LoggedAsync(async () =>
    {
        // GET /api/jobs shares its route with POST /api/jobs (RegisterJob): the host takes both, each by its method.
        var unkeyedDeliveries = await SendAsync(HttpMethod.Get, "/api/deliveries", key: null);
        var unkeyedJobs = await SendAsync(HttpMethod.Get, "/api/jobs?state=overdue", key: null);
        var wrongKey = await SendAsync(HttpMethod.Get, "/api/deliveries", key: "not-a-function-key");

        Assert.Equal(HttpStatusCode.Unauthorized, unkeyedDeliveries.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyedJobs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var key = await _host.GetFunctionKeyAsync();
        var unparseable = await PostAsync("phantomflow", FunctionsHostFixture.Token, """{"status":"completed","note":"listing"}""", "application/json");
        var deliveryId = (await unparseable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString();
        var listed = await Eventually.GetAsync(
            async () => await (await SendAsync(HttpMethod.Get, "/api/deliveries?outcome=unparseable&provider=phantomflow", key)).Content.ReadFromJsonAsync<JsonElement>(),
            page => page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("deliveryId").GetString() == deliveryId),
            "the unparseable delivery listed",
            Processed);
        var byCode = await _client.GetAsync(new Uri($"/api/jobs?state=unknown-to-provider&code={Uri.EscapeDataString(key)}", UriKind.Relative));
        var badParameter = await SendAsync(HttpMethod.Get, "/api/jobs?state=pending", key);

        var item = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("deliveryId").GetString() == deliveryId);
        Assert.Contains("job_id", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.DoesNotContain(key, await byCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badParameter.StatusCode);
        Assert.Equal("application/problem+json", badParameter.Content.Headers.ContentType?.MediaType);
        Assert.Equal("state", (await badParameter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString());
    });

    [FunctionsHostFact]
    public Task ReconcileSchedule_EveryTwoSeconds_TimerRunsOnItAndRecoversRegisteredJobs() => LoggedAsync(async () =>
    {
        var project = TestPayloads.NewJson2VideoProject();
        var jobId = TestPayloads.NewPhantomFlowJobId();
        fixture.Status.Script("json2video", project, StatusReply.Done());
        fixture.Status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
        var key = await _host.GetFunctionKeyAsync();

        // Registered one after the other: each is recovered by a run of its own.
        var clock = Stopwatch.StartNew();
        var recovered = new List<(string JobId, TimeSpan At)>();
        foreach (var (provider, id) in new[] { ("json2video", project), ("phantomflow", jobId) })
        {
            var register = await SendAsync(HttpMethod.Post, "/api/jobs", key, $$"""{"provider":"{{provider}}","jobId":"{{id}}","reference":"ord_{{provider}}"}""");
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            var events = await Eventually.GetAsync(() => Storage.EventsOfAsync(id), e => e.Count > 0, $"the {provider} job recovered by reconciliation", Processed);
            var e = Assert.Single(events);
            Assert.Equal(EventIds.For(provider, id, "completed", verified: true), e.GetProperty("eventId").GetString());
            Assert.Equal("reconciliation", e.GetProperty("source").GetString());
            Assert.True(e.GetProperty("verified").GetBoolean());
            Assert.True(fixture.Status.Calls(provider, id) >= 1);
            recovered.Add((id, clock.Elapsed));
        }

        // The host's own record: the schedule it parsed from the setting, and repeated firings (the default would fire
        // once in 5 minutes, so three would not come within the wait).
        Assert.StartsWith("Cron: '0,2,4,6,8,10,", _host.Timers.Schedule("ReconcileJobs"), StringComparison.Ordinal);
        var firings = await Eventually.GetAsync(
            () => Task.FromResult(_host.Timers.Firings("ReconcileJobs")), f => f.Count >= 3, "three firings of the ReconcileJobs timer", Processed);
        output.WriteLine(
            $"Recovered after {string.Join(", ", recovered.Select(r => $"{r.At.TotalSeconds:F1} s"))}; the host fired ReconcileJobs {firings.Count} times, " +
            $"at {string.Join(", ", firings.TakeLast(4).Select(f => f.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))} (the last 4); schedule {_host.Timers.Schedule("ReconcileJobs")}.");
    });

    private async Task WaitUntilProcessedAsync(params (string Provider, string JobId, int Deliveries)[] jobs)
    {
        foreach (var (provider, jobId, deliveries) in jobs)
        {
            await Eventually.GetAsync(() => Storage.ArchivedAsync(provider, jobId), rows => rows.Count >= deliveries, $"{deliveries} deliveries of {jobId} archived", Processed);
            await Eventually.GetAsync(() => Storage.EventsOfAsync(jobId), events => events.Count > 0, $"the event of {jobId}", Processed);
        }

        // Every message processed to the end and deleted, so nothing still on its way can add an event.
        await Eventually.GetAsync(() => AppStorage.CountAsync(Storage.DeliveriesQueue), count => count == 0, "the deliveries queue empty", Processed);
    }

    private Task<HttpResponseMessage> PostAsync(string provider, string token, string body, string contentType) =>
        _client.PostAsync(new Uri($"/api/hooks/{provider}/{token}", UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _client.SendAsync(request);
    }

    /// <summary>Runs a test; if it fails, the host's last output lines go to the test output.</summary>
    private async Task LoggedAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            output.WriteLine($"Output of {_host.Description} (last lines):\n{_host.RecentOutput}");
            throw;
        }
    }
}
