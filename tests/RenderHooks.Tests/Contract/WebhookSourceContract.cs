using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Each provider's allowed source ranges, in both hosts (<see cref="OnServer.WebhookSourceOnServer"/>,
/// <see cref="OnFunctions.WebhookSourceOnFunctions"/>): a webhook from inside them is taken, one from outside is answered
/// exactly as a wrong token is and stores nothing, whatever X-Forwarded-For the caller writes; a provider without
/// ranges takes any source. The caller's address is the peer a request names (<see cref="TestPeer"/>): the server's
/// connection, or the Functions host's view of its caller.
/// </summary>
public abstract class WebhookSourceContract(IContractHosts hosts) : IAsyncLifetime
{
    private const string WrongToken = "server-test-token-0123456788";
    private const string Inside = "203.0.113.9";
    private const string Outside = "198.51.100.7";

    /// <summary>PhantomFlow's ranges; JSON2Video has none.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Allowlist = new Dictionary<string, string?>
    {
        ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24",
        ["RenderHooks:PhantomFlow:AllowedSourceRanges:1"] = "2001:db8:cafe::/48",
    };

    private IContractHost _host = null!;

    public async Task InitializeAsync() => _host = await hosts.StartAsync(Allowlist);

    public async Task DisposeAsync()
    {
        await _host.DeleteStorageAsync();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("203.0.113.0")]
    [InlineData("203.0.113.255")]
    [InlineData("2001:db8:cafe::17")]
    [InlineData("2001:db8:cafe:ffff:ffff:ffff:ffff:ffff")]
    public async Task Webhook_FromAnAllowedSource_AcceptedAndArchived(string source)
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var response = await PostAsync("phantomflow", ServerFactory.Token, jobId, source);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilArchivedAsync(jobId);
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.114.1")]
    [InlineData("203.0.112.255")]
    [InlineData("2001:db8:beef::17")]
    [InlineData("2001:db8:caff::17")]
    public async Task Webhook_FromOutsideTheRanges_AnsweredAsAWrongTokenAndNothingStored(string source)
    {
        var refusedJob = TestPayloads.NewPhantomFlowJobId();
        var acceptedJob = TestPayloads.NewPhantomFlowJobId();

        var refused = await PostAsync("phantomflow", ServerFactory.Token, refusedJob, source);
        var wrongToken = await PostAsync("phantomflow", WrongToken, TestPayloads.NewPhantomFlowJobId(), Inside);
        var accepted = await PostAsync("phantomflow", ServerFactory.Token, acceptedJob, Inside);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await AssertSameAnswerAsync(wrongToken, refused);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // The accepted webhook is processed and archived; the refused one never reached the queue, so it has no row. (A
        // message is deleted after its delivery is archived: the queue is waited for, not found empty at once.)
        await WaitUntilArchivedAsync(acceptedJob);
        await Eventually.GetAsync(() => _host.Storage.DeliveriesQueue.CountAsync(), left => left == 0, "the deliveries queue to drain");
        Assert.Equal(0, await ArchivedAsync(refusedJob));
        var line = Assert.Single(_host.Logs.Lines, l => l.Contains("is not in the provider's allowed ranges", StringComparison.Ordinal));
        Assert.StartsWith("Information ", line, StringComparison.Ordinal);
        Assert.Contains($"source address {source} ", line, StringComparison.Ordinal);
        Assert.Contains("phantomflow", line, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFactory.Token, _host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_OutsideCallerWritesAnAllowedAddressInXForwardedFor_Refused()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        using var request = Request("phantomflow", ServerFactory.Token, jobId, Outside);
        request.Headers.Add("X-Forwarded-For", Inside);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_host.Logs.Lines, l => l.Contains($"source address {Outside} is not in", StringComparison.Ordinal));
        await AssertNotStoredAsync(jobId);
    }

    [Fact]
    public async Task Webhook_OutsideCallerWritesAnAllowedChainInXForwardedFor_Refused()
    {
        var jobId = TestPayloads.NewPhantomFlowJobId();
        using var request = Request("phantomflow", ServerFactory.Token, jobId, Outside);
        request.Headers.Add("X-Forwarded-For", $"{Inside}, 2001:db8:cafe::1, {Inside}");

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNotStoredAsync(jobId);
    }

    [Fact]
    public async Task Webhook_ProviderWithoutRanges_AnySourceAccepted()
    {
        using var content = new StringContent(TestPayloads.Json2VideoCompletedForm(TestPayloads.NewJson2VideoProject()), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hooks/json2video/{ServerFactory.Token}") { Content = content }.From(Outside);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_InvalidRange_FailsNamingTheSettingAndTheProblem()
    {
        var settings = new Dictionary<string, string?>(Allowlist) { ["RenderHooks:PhantomFlow:AllowedSourceRanges:1"] = "203.0.113.7/24" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => hosts.StartAsync(settings));

        Assert.Contains(
            "RenderHooks:PhantomFlow:AllowedSourceRanges:1 ('203.0.113.7/24') is not an address range: 203.0.113.7 has bits set after the first 24",
            error.ToString(),
            StringComparison.Ordinal);
    }

    private HttpRequestMessage Request(string provider, string token, string jobId, string source) =>
        new HttpRequestMessage(HttpMethod.Post, $"/api/hooks/{provider}/{token}")
        {
            Content = new StringContent(TestPayloads.PhantomFlowCompleted(jobId), Encoding.UTF8, "application/json"),
        }.From(source);

    private async Task<HttpResponseMessage> PostAsync(string provider, string token, string jobId, string source)
    {
        using var request = Request(provider, token, jobId, source);
        return await _host.Client.SendAsync(request);
    }

    private Task<int> ArchivedAsync(string jobId) =>
        _host.Services.GetRequiredService<DeliveryArchive>().CountAsync("phantomflow", jobId, CancellationToken.None);

    /// <summary>
    /// The job's webhook was never enqueued, however far the host's consumer got: the queue's count includes hidden
    /// messages, and a delivery is archived before its message is deleted, so an empty queue and then no archived row
    /// mean it never got in. The count alone would miss a message the consumer had already taken.
    /// </summary>
    private async Task AssertNotStoredAsync(string jobId)
    {
        await _host.ProcessDeliveriesAsync();
        Assert.Equal(0, await _host.Storage.DeliveriesQueue.CountAsync());
        Assert.Equal(0, await ArchivedAsync(jobId));
    }

    private async Task WaitUntilArchivedAsync(string jobId)
    {
        await _host.ProcessDeliveriesAsync();
        await Eventually.GetAsync(() => ArchivedAsync(jobId), count => count == 1, $"job {jobId}'s delivery archived");
    }

    /// <summary>Status, headers that describe the body, and the body itself but for the request's own trace id.</summary>
    private static async Task AssertSameAnswerAsync(HttpResponseMessage expected, HttpResponseMessage actual)
    {
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), actual.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            expected.Headers.Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase),
            actual.Headers.Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase));
        var x = await expected.Content.ReadFromJsonAsync<JsonElement>();
        var y = await actual.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(WithoutTraceId(x), WithoutTraceId(y));
        ContractJson.AssertProblem(y, 404);
    }

    private static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
}
