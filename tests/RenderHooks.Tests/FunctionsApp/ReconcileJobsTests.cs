using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// <c>ReconcileJobs</c> called as the timer calls it, with a <see cref="TimerInfo"/>, against the providers' status APIs
/// played by <see cref="ProviderStatusServer"/>: a registered job whose webhook never came is recovered, a job known
/// from its webhook is verified, each with its event, and nothing is asked twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconcileJobsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TimerFires_RegisteredJobRecovered_AndWebhookJobVerified()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var names = PipelineNames.Unique(azurite);
        var settings = new Dictionary<string, string?>(status.Settings()) { ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:00:00" };
        await using var app = await FunctionsAppHost.StartAsync(azurite.ConnectionString, names.DeliveriesQueue, FunctionsAppSettings.For(names, settings));
        try
        {
            await app.WaitUntilReadyAsync();
            using var client = app.CreateClient();
            var project = TestPayloads.NewJson2VideoProject();
            var jobId = TestPayloads.NewPhantomFlowJobId();
            status.Script("json2video", project, StatusReply.Done());
            status.Script("phantomflow", jobId, StatusReply.Done(outputUrl: $"https://cdn.phantomflow.dev/output/{jobId}.mp4"));
            using var register = new StringContent($$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_42"}""", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/jobs", register)).StatusCode);
            using var webhook = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", webhook)).StatusCode);
            await app.ProcessDeliveriesAsync();

            await app.ReconcileAsync(new TimerInfo { IsPastDue = false });

            var jobs = app.Services.GetRequiredService<JobQueries>();
            var recovered = await jobs.GetAsync("json2video", project);
            Assert.Equal("completed", recovered?.Status);
            Assert.Equal("reconciliation", recovered?.Source);
            Assert.Equal("verified", recovered?.Verification);
            Assert.Equal(1, recovered?.CheckCount);
            var verified = await jobs.GetAsync("phantomflow", jobId);
            Assert.Equal("webhook", verified?.Source);
            Assert.True(verified?.Verified);
            Assert.Equal(1, status.Calls("json2video", project));
            Assert.Equal(1, status.Calls("phantomflow", jobId));
            var events = (await app.Storage.EventsQueue.PeekAsync()).Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.Clone()).ToList();
            Assert.Equal(
                new[]
                {
                    EventIds.For("json2video", project, "completed", verified: true),
                    EventIds.For("phantomflow", jobId, "completed", verified: false),
                    EventIds.For("phantomflow", jobId, "completed", verified: true),
                }.Order(),
                events.Select(e => e.GetProperty("eventId").GetString()).Order());
            Assert.Equal("ord_42", events.Single(e => e.GetProperty("jobId").GetString() == project).GetProperty("reference").GetString());

            // Nothing is due any more: the next tick asks no provider.
            await app.ReconcileAsync();
            Assert.Equal(2, status.TotalCalls);
        }
        finally
        {
            await app.DeleteStorageAsync();
        }
    }
}
