using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Every refusal of the contract, in both hosts (<see cref="OnServer.WebhookRefusalOnServer"/>,
/// <see cref="OnFunctions.WebhookRefusalOnFunctions"/>): the right status, a clear reason, nothing stored, no secret in the logs.
/// </summary>
public abstract class WebhookRefusalContract(IContractHosts hosts) : IAsyncLifetime
{
    private const string WrongToken = "server-test-token-0123456788";
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

    public static TheoryData<string, string, string?, int, int> Refusals()
    {
        return new()
        {
            // provider, token, content type, body bytes (-1: valid payload), expected status
            { "phantomflow", WrongToken, "application/json", -1, 404 },
            { "phantomflow", ServerFactory.Token[..^1], "application/json", -1, 404 },
            { "phantomflow", ServerFactory.Token + "x", "application/json", -1, 404 },
            { "runway", ServerFactory.Token, "application/json", -1, 404 },
            { "phantomflow", ServerFactory.Token, "text/plain", -1, 415 },
            { "phantomflow", ServerFactory.Token, "application/x-www-form-urlencoded", -1, 415 },
            { "phantomflow", ServerFactory.Token, "application/json; charset=iso-8859-1", -1, 415 },
            { "json2video", ServerFactory.Token, "multipart/form-data; boundary=x", -1, 415 },
            { "phantomflow", ServerFactory.Token, null, -1, 415 },
            { "phantomflow", ServerFactory.Token, "application/json", 0, 400 },
            { "json2video", ServerFactory.Token, "application/json", IntakeOptions.DefaultMaxBodyBytes + 1, 413 },
            { "json2video", ServerFactory.Token, "application/json", 3_000_000, 413 },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Webhook_Refused_ContractStatusAndNothingStored(string provider, string token, string? contentType, int bodyBytes, int expected)
    {
        var body = bodyBytes < 0
            ? Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()))
            : Encoding.UTF8.GetBytes(new string('a', bodyBytes));
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _client.PostAsync($"/api/hooks/{provider}/{token}", content);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        ContractJson.AssertProblem(await response.Content.ReadFromJsonAsync<JsonElement>(), expected);
        await AssertNothingStoredAsync(_host);
        Assert.DoesNotContain(ServerFactory.Token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", ServerFactory.Token)]
    [InlineData("GET", WrongToken)]
    [InlineData("PUT", ServerFactory.Token)]
    [InlineData("DELETE", ServerFactory.Token)]
    [InlineData("PATCH", ServerFactory.Token)]
    [InlineData("OPTIONS", WrongToken)]
    public async Task Webhook_MethodOtherThanPost_405ProblemWithAllowPost_NothingStored(string method, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/hooks/phantomflow/{token}");
        if (method is "PUT" or "PATCH")
        {
            request.Content = new StringContent(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        ContractJson.AssertProblem(problem, 405);
        Assert.Contains("POST only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFactory.Token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(_host);
        Assert.DoesNotContain("Accepted delivery", _host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_Head_405WithAllowPost()
    {
        // Kestrel sends no body for HEAD; the in-process test hosts pass on what the answer writes, so only the status
        // and Allow are checked here.
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/api/hooks/json2video/{ServerFactory.Token}");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal(0, await _host.Storage.DeliveriesQueue.CountAsync());
    }

    [Fact]
    public async Task Webhook_WithAzureCodeQuery_AcceptedAndTheQueryIgnored()
    {
        // Azure Functions accepts ?code= on this anonymous route and ignores it; the server does the same, so a webhook
        // URL copied from the portal with its key works on both.
        using var content = new StringContent(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), Encoding.UTF8, "application/json");

        var response = await _client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}?code=some-function-key", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await _host.Storage.DeliveriesQueue.CountAsync());
    }

    [Fact]
    public async Task ChunkedBodyOverLimit_NoContentLength_PayloadTooLargeAndNothingStored()
    {
        using var content = new StreamContent(new MemoryStream(new byte[IntakeOptions.DefaultMaxBodyBytes + 10]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hooks/phantomflow/{ServerFactory.Token}") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync(_host);
    }

    [Fact]
    public async Task WhitespaceOnlyBody_Posted_BadRequest()
    {
        using var content = new StringContent("  \r\n ", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync($"/api/hooks/json2video/{ServerFactory.Token}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownProviderAndWrongToken_Refused_SameAnswer()
    {
        using var a = new StringContent("{}", Encoding.UTF8, "application/json");
        using var b = new StringContent("{}", Encoding.UTF8, "application/json");

        var unknownProvider = await _client.PostAsync($"/api/hooks/runway/{ServerFactory.Token}", a);
        var wrongToken = await _client.PostAsync($"/api/hooks/phantomflow/{WrongToken}", b);

        Assert.Equal(HttpStatusCode.NotFound, unknownProvider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        var x = await unknownProvider.Content.ReadFromJsonAsync<JsonElement>();
        var y = await wrongToken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(x.GetProperty("title").GetString(), y.GetProperty("title").GetString());
        Assert.Equal(x.GetProperty("detail").GetString(), y.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Secrets_AfterAcceptedAndRefusedRequests_NeverInLogsOrScopes() =>
        await AssertNoSecretsLoggedAsync(_host);

    [Fact]
    public async Task Secrets_LoggingTurnedUpToTrace_StillNeverInLogsOrScopes()
    {
        await using var verbose = await hosts.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" });
        try
        {
            await AssertNoSecretsLoggedAsync(verbose);
            var aspNetCore = verbose.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult");
            Assert.True(aspNetCore.IsEnabled(LogLevel.Trace));
        }
        finally
        {
            await verbose.DeleteStorageAsync();
        }
    }

    /// <summary>
    /// Nothing was stored, however far the host's consumer got: the queue's count includes hidden messages, and a delivery
    /// is archived before its message is deleted, so a queue found empty and then an archive found empty (and no poison)
    /// mean nothing was ever enqueued. The count alone would miss a message the consumer already took.
    /// </summary>
    private static async Task AssertNothingStoredAsync(IContractHost host)
    {
        await host.ProcessDeliveriesAsync();
        Assert.Equal(0, await host.Storage.DeliveriesQueue.CountAsync());
        Assert.Empty(await host.Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
        Assert.Equal(0, await host.Storage.PoisonQueue.CountAsync());
        Assert.Empty(await host.Storage.PayloadsContainer.BlobNamesAsync());
    }

    private static async Task AssertNoSecretsLoggedAsync(IContractHost host)
    {
        var client = host.Client;
        var jobId = TestPayloads.NewPhantomFlowJobId();
        // Sent again after a 503, as a provider would: on a loaded machine (and with logging at Trace) a queue write can time out.
        using (var ok = await ProviderRetry.PostAsync(
            client, $"/api/hooks/phantomflow/{ServerFactory.Token}", () => new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var second = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json"))
        {
            await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.SecondToken}", second);
        }

        using (var wrong = new StringContent("{}", Encoding.UTF8, "application/json"))
        {
            await client.PostAsync($"/api/hooks/phantomflow/{WrongToken}", wrong);
        }

        using (var swapped = new StringContent("{}", Encoding.UTF8, "application/json"))
        {
            await client.PostAsync($"/api/hooks/{ServerFactory.Token}/phantomflow", swapped);
        }

        using (var badType = new StringContent("x", Encoding.UTF8, "text/plain"))
        {
            await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", badType);
        }

        using var job = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/phantomflow/{jobId}");
        job.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        await client.SendAsync(job);
        await host.ProcessDeliveriesAsync();
        await Eventually.GetAsync(() => host.Storage.EventsQueue.PeekAsync(), m => m.Length > 0, "the event");

        var logs = host.Logs.AllText;
        Assert.Contains("Accepted delivery", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFactory.Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFactory.SecondToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFactory.ManagementKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", logs, StringComparison.Ordinal);
    }
}
