using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// <c>GET /api/jobs?state=…</c> in both hosts (<see cref="OnServer.JobListingOnServer"/>,
/// <see cref="OnFunctions.JobListingOnFunctions"/>), on Azurite, with jobs due as soon as registered and no status API
/// keys (so nothing checks them): registered jobs are listed overdue, by provider, a page at a time; none is unknown to
/// its provider; a 400 problem names a missing or wrong parameter. How a job becomes unknown to its provider (two
/// not-found answers from the status API) is JobListingTests'.
/// </summary>
public abstract class JobListingContract(IContractHosts hosts) : IAsyncLifetime
{
    private IContractHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await hosts.StartAsync(new Dictionary<string, string?> { ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:00:00" });
        _client = _host.Client;
    }

    public async Task DisposeAsync()
    {
        await _host.DeleteStorageAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task RegisteredJobsNeverChecked_ListedOverdue_ByProvider_NotUnknown()
    {
        var project = TestPayloads.NewJson2VideoProject();
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await RegisterAsync("json2video", project, "ord_1");
        await RegisterAsync("phantomflow", jobId, "ord_2");

        var all = await Eventually.GetAsync(() => GetOkAsync("/api/jobs?state=overdue"), p => Items(p).Count == 2, "both jobs due");
        var json2Video = await GetOkAsync("/api/jobs?state=overdue&provider=json2video");
        var unknown = await GetOkAsync("/api/jobs?state=unknown-to-provider");

        ContractJson.AssertConventions(all);
        var job = Assert.Single(Items(json2Video));
        Assert.Equal(project, job.GetProperty("jobId").GetString());
        Assert.Equal("json2video", job.GetProperty("provider").GetString());
        Assert.Equal("ord_1", job.GetProperty("reference").GetString());
        Assert.Equal("pending", job.GetProperty("verification").GetString());
        Assert.Equal(0, job.GetProperty("checkCount").GetInt32());
        Assert.True(job.GetProperty("nextCheckAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.False(job.TryGetProperty("status", out _));
        Assert.Equal(new[] { jobId, project }.Order(), Items(all).Select(i => i.GetProperty("jobId").GetString()).Order());
        Assert.Empty(Items(unknown));
        Assert.False(unknown.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task LimitOne_NextLinksWalkEveryOverdueJobOnce()
    {
        var ids = new[] { TestPayloads.NewJson2VideoProject(), TestPayloads.NewJson2VideoProject(), TestPayloads.NewJson2VideoProject() };
        foreach (var id in ids)
        {
            await RegisterAsync("json2video", id, null);
        }

        await Eventually.GetAsync(() => GetOkAsync("/api/jobs?state=overdue"), p => Items(p).Count == 3, "three jobs due");
        var walked = new List<string?>();
        string? next = "/api/jobs?state=overdue&provider=json2video&limit=1";
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 6, "the walk ends");
            var page = await GetOkAsync(next);
            walked.AddRange(Items(page).Select(i => i.GetProperty("jobId").GetString()));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
            Assert.True(next is null || next.StartsWith("/api/jobs?state=overdue&provider=json2video&limit=1&cursor=", StringComparison.Ordinal), next);
        }

        Assert.Equal(ids.Order(), walked.Order());
    }

    [Theory]
    [InlineData("", "state", "state is required: one of unknown-to-provider, overdue.")]
    [InlineData("state=pending", "state", "state must be one of: unknown-to-provider, overdue.")]
    [InlineData("state=overdue&provider=shotstack", "provider", "provider must be one of: phantomflow, json2video.")]
    [InlineData("state=overdue&limit=-1", "limit", "limit must be a whole number from 1 to 200.")]
    [InlineData("state=overdue&outcome=conflict", "outcome", "the parameters are: state, provider, limit, cursor.")]
    [InlineData("state=overdue&cursor=bm90LWEtY3Vyc29y", "cursor", "not one this listing handed out")]
    public async Task BadParameter_400ProblemNamingItAndWhatItMayBe(string query, string parameter, string detail)
    {
        await DeliveryListingContract.AssertBadParameterAsync(await GetAsync("/api/jobs?" + query), parameter, detail);
    }

    [Fact]
    public async Task CodeParameter_TheFunctionsKeyInAQuery_TakenAndNeverEchoed()
    {
        await RegisterAsync("json2video", TestPayloads.NewJson2VideoProject(), null);
        await RegisterAsync("json2video", TestPayloads.NewJson2VideoProject(), null);
        const string code = "function-key-in-the-query-0123456789";

        var page = await Eventually.GetAsync(
            () => GetOkAsync($"/api/jobs?state=overdue&limit=1&code={code}"), p => p.TryGetProperty("next", out _), "a page with a next link");

        Assert.DoesNotContain(code, page.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.GetProperty("next").GetString(), StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string provider, string jobId, string? reference)
    {
        var body = reference is null
            ? $$"""{"provider":"{{provider}}","jobId":"{{jobId}}"}"""
            : $$"""{"provider":"{{provider}}","jobId":"{{jobId}}","reference":"{{reference}}"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(request)).StatusCode);
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        return _client.SendAsync(request);
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
}
