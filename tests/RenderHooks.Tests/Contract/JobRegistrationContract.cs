using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// <c>POST /api/jobs</c> in both hosts (<see cref="OnServer.JobRegistrationOnServer"/>,
/// <see cref="OnFunctions.JobRegistrationOnFunctions"/>): 201 then 200, problems for bad input. The management key is
/// the host's, tested on the server (<c>Server/ManagementKeyTests</c>) and under a real Functions host (<c>FunctionsHost/</c>);
/// the requests here send the server's key, which the Functions app ignores.
/// </summary>
public abstract class JobRegistrationContract(IContractHosts hosts) : IAsyncLifetime
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
    public async Task Register_NewThenAgain_201WithLocationThen200_AndTheJobIsReadable()
    {
        var project = TestPayloads.NewJson2VideoProject();
        var body = $$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_42"}""";

        var created = await PostAsync(body, ServerFactory.ManagementKey);
        var again = await PostAsync(body, ServerFactory.ManagementKey);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/jobs/json2video/{project}", created.Headers.Location?.OriginalString);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        ContractJson.AssertConventions(job);
        Assert.Equal("ord_42", job.GetProperty("reference").GetString());
        Assert.Equal("pending", job.GetProperty("verification").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        var read = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(project, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task Register_InvalidBody_400ProblemSayingWhy()
    {
        var response = await PostAsync("""{"provider":"shotstack","jobId":"x"}""", ServerFactory.ManagementKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        ContractJson.AssertProblem(problem, 400);
        Assert.Contains("provider must be one of", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_NotJson_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("provider=json2video", Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return _client.SendAsync(request);
    }
}
