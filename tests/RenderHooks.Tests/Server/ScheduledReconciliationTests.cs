using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Storage;
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

    [Fact]
    public async Task RunFails_FailureLogged_TheScheduleGoesOnAndALaterRunRecoversTheJob()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.TablePort);
        var names = PipelineNames.Unique(azurite);
        var settings = new Dictionary<string, string?>(status.Settings())
        {
            ["RenderHooks:Reconcile:Schedule"] = "* * * * * *",
            ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:00:00",
        };
        // The reads of JSON2Video's due-date index are answered with a web page instead of rows, three times: what a
        // captive portal or a misrouted endpoint returns. The table client cannot read it, and the run fails with it.
        var garbled = proxy.Garble(
            r => r.Method == "GET" && r.On(names.JobsTable) && Uri.UnescapeDataString(r.Query).Contains(DueIndex.Partition("json2video"), StringComparison.Ordinal),
            times: 3);
        await using var server = new ServerFactory(proxy.Redirect(azurite.ConnectionString, azurite.TablePort), names, settings);
        var client = await server.CreateHealthyClientAsync();
        var project = TestPayloads.NewJson2VideoProject();
        status.Script("json2video", project, StatusReply.Done());
        try
        {
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
            {
                Content = new StringContent($$"""{"provider":"json2video","jobId":"{{project}}"}""", Encoding.UTF8, "application/json"),
            };
            register.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(register)).StatusCode);

            // Each failed run is logged, and the schedule goes on: once the answers are storage's again, a run recovers the job.
            var recovered = EventIds.For("json2video", project, "completed", verified: true);
            await Eventually.GetAsync(
                () => server.Storage.EventsQueue.PeekAsync(),
                m => m.Any(e => e.Body.ToString().Contains(recovered, StringComparison.Ordinal)),
                "the event of a run after the failed ones",
                TimeSpan.FromSeconds(30));

            Assert.Equal(3, garbled.Matched);
            var failures = server.Logs.Entries.Where(e => e.EventId.Id == 3202).ToList();
            Assert.Equal(3, failures.Count);
            Assert.All(failures, f => Assert.Equal((LogLevel.Error, "A reconciliation run failed; the next runs on schedule"), (f.Level, f.Message)));
            Assert.All(failures, f => Assert.False(StorageErrors.IsStorageFailure(f.Exception!), $"not a storage failure: {f.Exception}"));
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }
}
