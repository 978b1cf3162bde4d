using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The allowed source ranges under a real Functions host: which address the worker gets for a request the host
/// forwards, and that a caller cannot choose it with X-Forwarded-For. The host proxies each HTTP request to the worker
/// (YARP, default transforms); the worker's ASP.NET Core integration reads the host's X-Forwarded-For. The tests' client
/// connects from 127.0.0.1. PhantomFlow allows 127.0.0.1 alone, JSON2Video only 203.0.113.0/24. Its own host: the
/// ranges are app settings.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
[Trait("Category", FunctionsHostCollection.Category)]
public sealed class FunctionsHostSourceAllowlistTests(FunctionsApp app, FunctionsHostFixture fixture, ITestOutputHelper output) : IClassFixture<FunctionsHostFixture>
{
    private static readonly Dictionary<string, string?> Ranges = new()
    {
        ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "127.0.0.1/32",
        ["RenderHooks:Json2Video:AllowedSourceRanges:0"] = "203.0.113.0/24",
    };

    [FunctionsHostFact]
    public async Task ThroughTheHost_TheWorkerGetsTheHostsViewOfTheCaller_NotWhatTheCallerWrites()
    {
        var host = await fixture.HostAsync(app, Ranges);
        try
        {
            using var client = host.CreateClient();
            var jobId = TestPayloads.NewPhantomFlowJobId();
            var project = TestPayloads.NewJson2VideoProject();

            // A caller on 127.0.0.1 claiming to be outside PhantomFlow's range, and claiming to be inside JSON2Video's.
            var phantomFlow = await PostAsync(client, "phantomflow", FunctionsHostFixture.Token, TestPayloads.PhantomFlowCompleted(jobId), "198.51.100.7");
            var json2Video = await PostAsync(client, "json2video", FunctionsHostFixture.Token, TestPayloads.Json2VideoCompleted(project), "203.0.113.9");
            var wrongToken = await PostAsync(client, "json2video", "functions-host-test-token-0123456788", TestPayloads.Json2VideoCompleted(project), "203.0.113.9");

            Assert.Equal(HttpStatusCode.OK, phantomFlow.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, json2Video.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
            Assert.Equal(Problem(await wrongToken.Content.ReadAsStringAsync()), Problem(await json2Video.Content.ReadAsStringAsync()));
            var refusal = await Eventually.GetAsync(
                () => Task.FromResult(Regex.Match(host.RecentOutput, @"Refused a webhook from json2video: its source address (\S+) is not in")),
                match => match.Success,
                "the worker's log line of the refusal in the host's output",
                TimeSpan.FromSeconds(30));
            var seen = refusal.Groups[1].Value;
            output.WriteLine($"The worker's source address for a request from 127.0.0.1 sent with X-Forwarded-For 203.0.113.9: {seen}");
            Assert.Equal(IPAddress.Loopback, RenderHooks.Intake.CidrRange.Normalize(IPAddress.Parse(seen)));
            // The accepted delivery is processed by the host's queue trigger and archived; the refused one never was queued.
            await Eventually.GetAsync(() => fixture.Storage.ArchivedAsync("phantomflow", jobId), rows => rows.Count == 1, "the PhantomFlow delivery archived", TimeSpan.FromSeconds(60));
            Assert.Empty(await fixture.Storage.ArchivedAsync("json2video", project));
        }
        catch
        {
            output.WriteLine($"Output of {host.Description} (last lines):\n{host.RecentOutput}");
            throw;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string provider, string token, string body, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/hooks/{provider}/{token}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static string Problem(string json)
    {
        using var problem = JsonDocument.Parse(json);
        return string.Join(';', problem.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }
}
