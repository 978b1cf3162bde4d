using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Adversarial;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// <c>POST /api/jobs</c> and <c>GET /api/jobs/{provider}/{jobId}</c> over a real socket (Kestrel decodes the path as in
/// production): the <c>Location</c> of a registration reads back the job registered, whatever its id holds; ids that
/// could not come back whole, or that outgrow a table key, are refused with 400 and the reason.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(azurite);
        _server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _client = await _server.CreateHealthyClientAsync();
        _client.DefaultRequestHeaders.Add("x-functions-key", ServerFactory.ManagementKey);
    }

    public async Task DisposeAsync()
    {
        await _server.DeleteStorageAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RegisterIdWithASlash_Location_ReadsThatJob()
    {
        var created = await RegisterAsync("reg/1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/jobs/phantomflow/reg%2F1", created.Headers.Location?.OriginalString);
        Assert.Equal("reg/1", await ReadJobIdAsync(Raw("/api/jobs/phantomflow/reg%2F1")));
        Assert.Equal("reg/1", await ReadJobIdAsync(Raw("/api/jobs/phantomflow/reg/1")));
    }

    [Fact]
    public async Task RegisterTheEscapedSpelling_Refused_SoItCannotStandInForTheJob()
    {
        await RegisterAsync("reg/1");

        // A job whose id is the escaped spelling of another's could be read at that other's URL: it cannot be made,
        // by registration nor by a webhook (the adapters apply the same rules).
        var decoy = await RegisterAsync("reg%2F1");
        Assert.Equal(HttpStatusCode.BadRequest, decoy.StatusCode);
        Assert.Contains("'%' followed by two hexadecimal digits", (await decoy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await RawGetAsync("/api/jobs/phantomflow/reg%252F1x")).Status);
        Assert.Equal("reg/1", await ReadJobIdAsync(Raw("/api/jobs/phantomflow/reg%252F1")));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("commande-été-🎬")]
    [InlineData("50%off")]
    [InlineData("100%")]
    [InlineData("a%2")]
    [InlineData("q?x#y&z=1")]
    [InlineData("back\\slash")]
    [InlineData("~tilde~")]
    [InlineData("plus+sign")]
    [InlineData("semi;colon:and@at")]
    [InlineData("trailing/")]
    [InlineData("/leading")]
    [InlineData("a//b")]
    [InlineData("...")]
    [InlineData("./x")]
    public async Task RegisterAnyValidId_Location_ReadsThatJob(string jobId)
    {
        var created = await RegisterAsync(jobId);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(jobId, await ReadJobIdAsync(Raw(created.Headers.Location!.OriginalString)));
    }

    [Theory]
    [InlineData(".", "cannot be '.' or '..'")]
    [InlineData("..", "cannot be '.' or '..'")]
    [InlineData("a%20b", "'%' followed by two hexadecimal digits")]
    [InlineData("ord\u202E24", "invisible format characters")]
    public async Task RegisterIdThatCannotComeBack_400WithTheReason(string jobId, string reason)
    {
        var refused = await RegisterAsync(jobId);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterIdThatOutgrowsTheTableKeyOnceEscaped_400NotUnavailable()
    {
        var refused = await RegisterAsync(new string('/', 256));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("768 characters long as a table key", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var fits = await RegisterAsync(new string('/', 164));
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(new string('/', 164), await ReadJobIdAsync(Raw(fits.Headers.Location!.OriginalString)));
    }

    [Theory]
    [InlineData("/api/jobs/phantomflow/")]
    [InlineData("/api/jobs/phantomflow/a%01b")]
    [InlineData("/api/jobs/phantomflow/a%E2%80%AEb")]
    [InlineData("/api/jobs/phantomflow/" + "%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F")]
    public async Task GetIdNoJobCanHave_404(string target)
    {
        var response = await RawGetAsync(target);

        Assert.Equal(404, response.Status);
    }

    private static string Raw(string target) => target;

    private async Task<HttpResponseMessage> RegisterAsync(string jobId)
    {
        var body = JsonSerializer.Serialize(new { provider = "phantomflow", jobId });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _client.PostAsync("/api/jobs", content);
    }

    /// <summary>GETs <paramref name="target"/> exactly as written (no client tidies the escapes) and returns the job id answered.</summary>
    private async Task<string?> ReadJobIdAsync(string target)
    {
        var response = await RawGetAsync(target);
        Assert.True(response.Status == 200, $"GET {target}: {response.Status} {response.Body}");
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("jobId").GetString();
    }

    private Task<RawResponse> RawGetAsync(string target) =>
        RawHttp.SendAsync(_client.BaseAddress!, RawRequest.Head("GET", target, null, $"x-functions-key: {ServerFactory.ManagementKey}\r\n"), TimeSpan.FromSeconds(30));
}
