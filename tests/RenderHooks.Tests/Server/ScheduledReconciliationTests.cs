using System.Net;
using System.Text;
using System.Text.Json;
using RenderHooks.Events;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>The server runs the reconciler on its NCRONTAB schedule: a registered job whose webhook never came is recovered.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScheduledReconciliationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RegisteredJob_NoWebhook_RecoveredOnSchedule_AndAWebhookIsVerified()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var settings = new Dictionary<string, string?>(status.Settings())
        {
            ["RenderHooks:Reconcile:Schedule"] = "* * * * * *",
            ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:00:00",
        };
        await using var server = new ServerFactory(azurite, settings);
        var client = await server.CreateHealthyClientAsync();
        var project = TestPayloads.NewJson2VideoProject();
        var jobId = TestPayloads.NewPhantomFlowJobId();
        status.Script("json2video", project, StatusReply.Done());
        status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));

        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
        {
            Content = new StringContent($$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_42"}""", Encoding.UTF8, "application/json"),
        };
        register.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(register)).StatusCode);
        var webhook = await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);

        var expected = new[]
        {
            EventIds.For("json2video", project, "completed", verified: true),
            EventIds.For("phantomflow", jobId, "completed", verified: false),
            EventIds.For("phantomflow", jobId, "completed", verified: true),
        };
        var events = await Eventually.GetAsync(
            async () => (await server.Storage.EventsQueue.PeekAsync()).Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.Clone()).ToList(),
            list => expected.All(id => list.Any(e => e.GetProperty("eventId").GetString() == id)),
            "the recovered and the verified events",
            TimeSpan.FromSeconds(30));

        Assert.Equal(3, events.Count);
        var recovered = events.Single(e => e.GetProperty("jobId").GetString() == project);
        Assert.Equal("reconciliation", recovered.GetProperty("source").GetString());
        Assert.Equal("ord_42", recovered.GetProperty("reference").GetString());
        await server.DeleteStorageAsync();
    }
}
