using System.Net;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server's management key on the job and delivery routes: without it, or with a wrong one, 401 and nothing stored. Server
/// only: in the Functions app these routes are behind function keys, which the Functions host checks before the
/// worker runs (AuthorizationLevel.Function, see FunctionsApp/FunctionMetadataTests), so the app's in-process contract
/// host has no key to check; tests/…/FunctionsHost checks them under a real host.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManagementKeyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(azurite);
        _client = await _server.CreateHealthyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DeleteStorageAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetJob_WithoutOrWithWrongKey_Unauthorized()
    {
        var none = await _client.GetAsync("/api/jobs/phantomflow/whatever");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/phantomflow/whatever");
        wrong.Headers.Add("x-functions-key", "not-the-management-key");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(wrong)).StatusCode);
    }

    [Theory]
    [InlineData("/api/deliveries", null)]
    [InlineData("/api/deliveries?outcome=conflict", "wrong-management-key-0000")]
    [InlineData("/api/jobs?state=overdue", null)]
    [InlineData("/api/jobs?state=unknown-to-provider", "wrong-management-key-0000")]
    public async Task Listings_WithoutTheKeyInTheHeader_401_WithIt_200(string path, string? key)
    {
        using var refused = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            refused.Headers.Add("x-functions-key", key);
        }

        using var keyed = new HttpRequestMessage(HttpMethod.Get, path);
        keyed.Headers.Add("x-functions-key", ServerFactory.ManagementKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(refused)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(keyed)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-management-key-0000")]
    public async Task Register_WithoutTheKey_401_NothingStored(string? key)
    {
        var project = TestPayloads.NewJson2VideoProject();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
        {
            Content = new StringContent($$"""{"provider":"json2video","jobId":"{{project}}"}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            register.Headers.Add("x-functions-key", key);
        }

        var response = await _client.SendAsync(register);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/json2video/{project}");
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(request)).StatusCode);
    }
}
