using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// <c>GET /api/deliveries</c> in both hosts (<see cref="OnServer.DeliveryListingOnServer"/>,
/// <see cref="OnFunctions.DeliveryListingOnFunctions"/>), on Azurite: the deliveries processing flagged (conflicting,
/// unparseable), with their reasons and never their bodies, newest first; filters; paging by the <c>next</c> link; a
/// 400 problem naming the parameter for anything it cannot take. The key is the host's (ManagementKeyTests, FunctionsHost/).
/// </summary>
public abstract class DeliveryListingContract(IContractHosts hosts) : IAsyncLifetime
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
    public async Task FlaggedDeliveries_Listed_NewestFirst_WithReasons_WithoutBodies_RecordedOnesNot()
    {
        var flagged = await DeliverFlaggedAsync();

        var page = await Eventually.GetAsync(() => GetOkAsync("/api/deliveries"), p => Items(p).Count == 3, "three flagged deliveries listed");

        ContractJson.AssertConventions(page);
        var items = Items(page);
        Assert.Equal([flagged.Unparseable2, flagged.Unparseable1, flagged.Conflict], items.Select(i => i.GetProperty("deliveryId").GetString()));
        Assert.DoesNotContain(items, i => i.GetProperty("deliveryId").GetString() == flagged.Recorded);
        var conflict = items[2];
        Assert.Equal("conflict", conflict.GetProperty("outcome").GetString());
        Assert.Equal("phantomflow", conflict.GetProperty("provider").GetString());
        Assert.Equal(flagged.JobId, conflict.GetProperty("jobId").GetString());
        Assert.Equal("The job is already completed; this delivery reported failed. The first state stands until reconciliation settles it.", conflict.GetProperty("reason").GetString());
        var unparseable = items[1];
        Assert.Equal("unparseable", unparseable.GetProperty("outcome").GetString());
        Assert.Contains("job_id", unparseable.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/json", unparseable.GetProperty("contentType").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(UnparseablePhantomFlow), unparseable.GetProperty("bodyBytes").GetInt32());
        Assert.Equal("phantomflow|~unparsed", unparseable.GetProperty("archivePartitionKey").GetString());
        Assert.Equal("json2video", items[0].GetProperty("provider").GetString());
        Assert.All(items, i => Assert.False(i.TryGetProperty("body", out _)));
        Assert.DoesNotContain(UnparseablePhantomFlow, page.GetRawText(), StringComparison.Ordinal);
        Assert.False(page.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task Filters_OutcomeProviderAndSince_ListOnlyWhatMatches()
    {
        var flagged = await DeliverFlaggedAsync();
        await Eventually.GetAsync(() => GetOkAsync("/api/deliveries"), p => Items(p).Count == 3, "three flagged deliveries listed");

        var conflicts = Ids(await GetOkAsync("/api/deliveries?outcome=conflict"));
        var json2Video = Ids(await GetOkAsync("/api/deliveries?provider=JSON2Video"));
        var unparseablePhantomFlow = Ids(await GetOkAsync("/api/deliveries?outcome=Unparseable&provider=phantomflow"));
        var rejected = Ids(await GetOkAsync("/api/deliveries?outcome=rejected"));
        var future = await GetOkAsync($"/api/deliveries?since={DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");
        var past = Ids(await GetOkAsync($"/api/deliveries?since={DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}"));

        Assert.Equal([flagged.Conflict], conflicts);
        Assert.Equal([flagged.Unparseable2], json2Video);
        Assert.Equal([flagged.Unparseable1], unparseablePhantomFlow);
        Assert.Empty(rejected);
        Assert.Empty(Items(future));
        Assert.False(future.TryGetProperty("next", out _));
        Assert.Equal(3, past.Count);
    }

    [Fact]
    public async Task LimitOne_NextLinksWalkEveryFlaggedDeliveryOnce_InOrder()
    {
        await DeliverFlaggedAsync();
        var all = Ids(await Eventually.GetAsync(() => GetOkAsync("/api/deliveries"), p => Items(p).Count == 3, "three flagged deliveries listed"));

        var walked = new List<string?>();
        var links = new List<string>();
        string? next = "/api/deliveries?limit=1";
        while (next is not null)
        {
            var page = await GetOkAsync(next);
            var items = Items(page);
            Assert.True(items.Count <= 1);
            walked.AddRange(items.Select(i => i.GetProperty("deliveryId").GetString()));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
            if (next is not null)
            {
                links.Add(next);
            }

            Assert.True(links.Count <= 5, "the walk ends");
        }

        Assert.Equal(all, walked);
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith("/api/deliveries?limit=1&cursor=", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cursor_OfAnotherQueryOrEdited_400ProblemNamingTheCursor()
    {
        await DeliverFlaggedAsync();
        var first = await Eventually.GetAsync(() => GetOkAsync("/api/deliveries?limit=1"), p => p.TryGetProperty("next", out _), "a first page with a next link");
        var next = first.GetProperty("next").GetString()!;
        var cursor = next[(next.IndexOf("cursor=", StringComparison.Ordinal) + "cursor=".Length)..];

        var otherQuery = await GetAsync($"/api/deliveries?limit=2&cursor={cursor}");
        var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
        var edited = await GetAsync($"/api/deliveries?limit=1&cursor={System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("9" + text[1..]))}");
        var notBase64 = await GetAsync("/api/deliveries?limit=1&cursor=%21%21%21");
        var followed = await GetAsync(next);

        await AssertBadParameterAsync(otherQuery, "cursor", "another query");
        await AssertBadParameterAsync(edited, "cursor", "not one this listing handed out");
        await AssertBadParameterAsync(notBase64, "cursor", "not one this listing handed out");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Theory]
    [InlineData("outcome=bogus", "outcome", "outcome must be one of: recorded, duplicate, conflict, unparseable, unreadable, rejected.")]
    [InlineData("provider=shotstack", "provider", "provider must be one of: phantomflow, json2video.")]
    [InlineData("since=yesterday", "since", "since must be an ISO 8601 date or instant")]
    [InlineData("since=12%2F01%2F2026", "since", "since must be an ISO 8601 date or instant")]
    [InlineData("limit=0", "limit", "limit must be a whole number from 1 to 200.")]
    [InlineData("limit=201", "limit", "limit must be a whole number from 1 to 200.")]
    [InlineData("limit=ten", "limit", "limit must be a whole number from 1 to 200.")]
    [InlineData("outcomes=conflict", "outcomes", "outcomes is not a parameter of this route; the parameters are: outcome, provider, since, limit, cursor.")]
    [InlineData("outcome=conflict&outcome=rejected", "outcome", "outcome may be given once.")]
    public async Task BadParameter_400ProblemNamingItAndWhatItMayBe(string query, string parameter, string detail)
    {
        await AssertBadParameterAsync(await GetAsync("/api/deliveries?" + query), parameter, detail);
    }

    [Fact]
    public async Task Since_DateOrInstant_Taken()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/deliveries?since=2026-12-01")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/deliveries?since=2026-12-01T08:00:00%2B01:00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/deliveries?since=2026-12-01T08:00:00.123Z&limit=200")).StatusCode);
    }

    internal static async Task AssertBadParameterAsync(HttpResponseMessage response, string parameter, string detail)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        ContractJson.AssertProblem(problem, 400);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private const string UnparseablePhantomFlow = """{"status":"completed","output_url":"https://x/secret-looking-body.mp4"}""";

    /// <summary>
    /// One recorded delivery and three flagged ones, each processed before the next is posted (so the conflict is a
    /// conflict and the order of receipt is known): a conflict, then an unparseable PhantomFlow and JSON2Video payload.
    /// </summary>
    private async Task<(string JobId, string Recorded, string Conflict, string Unparseable1, string Unparseable2)> DeliverFlaggedAsync()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        var recorded = await PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId), "application/json");
        await WaitForJobAsync(jobId, deliveries: 1);
        var conflict = await PostAsync("phantomflow", TestPayloads.PhantomFlowFailed(jobId), "application/json");
        await WaitForJobAsync(jobId, deliveries: 2);
        var unparseable1 = await PostAsync("phantomflow", UnparseablePhantomFlow, "application/json");
        await WaitForListedAsync(unparseable1);
        var unparseable2 = await PostAsync("json2video", """{"status":"done"}""", "application/json");
        await WaitForListedAsync(unparseable2);
        return (jobId, recorded, conflict, unparseable1, unparseable2);
    }

    private async Task<string> PostAsync(string provider, string body, string contentType)
    {
        var response = await _client.PostAsync($"/api/hooks/{provider}/{ServerFactory.Token}", new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
    }

    private async Task WaitForJobAsync(string jobId, int deliveries)
    {
        await _host.ProcessDeliveriesAsync();
        await Eventually.GetAsync(
            async () =>
            {
                var response = await GetAsync($"/api/jobs/phantomflow/{jobId}");
                return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryCount").GetInt32() : 0;
            },
            count => count == deliveries,
            $"{deliveries} deliveries of {jobId} processed");
    }

    private async Task WaitForListedAsync(string deliveryId)
    {
        await _host.ProcessDeliveriesAsync();
        await Eventually.GetAsync(() => GetOkAsync("/api/deliveries"), p => Ids(p).Contains(deliveryId), $"delivery {deliveryId} listed");
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

    private static List<string?> Ids(JsonElement page) => [.. Items(page).Select(i => i.GetProperty("deliveryId").GetString())];
}
