using RenderHooks.Providers;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Adversarial;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>
/// What of a status answer the clients read: its whole body inside the retries (a body cut off mid-way is retried
/// whenever the reset arrives; more than the client reads is not), and only under a JSON Content-Type.
/// </summary>
public sealed class StatusClientAnswerTests : IAsyncLifetime
{
    private ProviderStatusServer _server = null!;
    private StatusClientHost _host = null!;

    public static TheoryData<string> Providers => [ProviderNames.PhantomFlow, ProviderNames.Json2Video];

    public static TheoryData<string, string> JsonTypes => new()
    {
        { ProviderNames.PhantomFlow, "application/json" },
        { ProviderNames.Json2Video, "application/json" },
        { ProviderNames.PhantomFlow, "application/json; charset=utf-8" },
        { ProviderNames.Json2Video, "Application/JSON" },
        { ProviderNames.PhantomFlow, "text/json" },
        { ProviderNames.Json2Video, "application/vnd.api+json" },
        { ProviderNames.PhantomFlow, "application/problem+json" },
    };

    public static TheoryData<string, string?> OtherTypes => new()
    {
        { ProviderNames.PhantomFlow, "text/html; charset=utf-8" },
        { ProviderNames.Json2Video, "text/html" },
        { ProviderNames.PhantomFlow, "text/plain" },
        { ProviderNames.Json2Video, "text/plain; charset=utf-8" },
        { ProviderNames.PhantomFlow, "application/xml" },
        { ProviderNames.Json2Video, "application/octet-stream" },
        { ProviderNames.PhantomFlow, "application/jsonx" },
        { ProviderNames.Json2Video, null },
        { ProviderNames.PhantomFlow, null },
    };

    public async Task InitializeAsync()
    {
        _server = await ProviderStatusServer.StartAsync();

        // Attempts that do not time out in practice: each test counts the attempts made for answers given at once.
        _host = StatusClientHost.Create(_server.Settings(), new Dictionary<string, string?>
        {
            ["RenderHooks:PhantomFlow:Timeout"] = "00:00:30",
            ["RenderHooks:Json2Video:Timeout"] = "00:00:30",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BodyCutOffThenTheAnswer_RetriedAndAnswered(string provider)
    {
        var job = JobOf(provider);
        _server.Script(provider, job, FaultReply.Truncated(), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, _server.Calls(provider, job));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BodyCutOffAfterAPause_RetriedAndAnswered(string provider)
    {
        // The client has had the headers for half a second when the reset comes: before, that cut was met outside the
        // retries, when the content was read, and the check ended unanswered.
        var job = JobOf(provider);
        _server.Script(provider, job, FaultReply.TruncatedAfter(TimeSpan.FromMilliseconds(500)), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, _server.Calls(provider, job));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BodyCutOffOnEveryAttempt_UnavailableAfterMaxRetriesPlusOne(string provider)
    {
        var job = JobOf(provider);
        _server.Script(provider, job, FaultReply.TruncatedAfter(TimeSpan.FromMilliseconds(200)), FaultReply.Truncated(), FaultReply.TruncatedAfter(TimeSpan.FromMilliseconds(200)), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.StartsWith("request failed", status.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _server.Calls(provider, job));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnswerOverTheReadLimit_UnavailableWithoutRetry(string provider)
    {
        var job = JobOf(provider);
        _server.Script(provider, job, FaultReply.Oversized(StatusApiServiceCollectionExtensions.MaxAnswerBytes + 1000), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.Equal("request failed (ConfigurationLimitExceeded)", status.Reason);
        Assert.Equal(1, _server.Calls(provider, job));
    }

    [Theory]
    [MemberData(nameof(JsonTypes))]
    public async Task AnswerUnderAJsonContentType_Read(string provider, string contentType)
    {
        _server.Script(provider, JobOf(provider), FaultReply.Relabelled(StatusReply.Done(), contentType));

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal("https://cdn.example.test/out.mp4", status.Report?.OutputUrl);
    }

    [Theory]
    [MemberData(nameof(OtherTypes))]
    public async Task TrueAnswerUnderAnotherContentType_UnavailableAsAFault_NotRetried(string provider, string? contentType)
    {
        var job = JobOf(provider);
        _server.Script(provider, job, FaultReply.Relabelled(StatusReply.Done(), contentType), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.Null(status.Report);
        Assert.EndsWith("not a JSON answer", status.Reason, StringComparison.Ordinal);
        Assert.Contains(contentType is null ? "without a readable Content-Type" : $"'{contentType.Split(';')[0]}'", status.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, _server.Calls(provider, job));
    }

    [Theory]
    [InlineData("application/json", nameof(ProviderStatusKind.Unauthorized))]
    [InlineData("text/plain", nameof(ProviderStatusKind.Unavailable))]
    [InlineData("text/html", nameof(ProviderStatusKind.Unavailable))]
    public async Task Json2Video_InvalidKeyError_ReadFromAJsonBodyOnly(string contentType, string expected)
    {
        // JSON2Video's observed 400 "Invalid API Key" means a refused key; the same text under another type is not its answer.
        var job = JobOf(ProviderNames.Json2Video);
        _server.Script(ProviderNames.Json2Video, job, new ErrorReply(400, contentType, """{"success":false,"message":"Error: Invalid API Key"}"""));

        var status = await AskAsync(ProviderNames.Json2Video);

        Assert.Equal(expected, status.Kind.ToString());
    }

    private static string JobOf(string provider) => provider == ProviderNames.PhantomFlow ? "a1b2c3d4-e5f6-7890-abcd-ef1234567890" : "JkGxEoPRF9EgRb32";

    private Task<ProviderStatus> AskAsync(string provider) => _host.Client(provider).GetStatusAsync(JobOf(provider), CancellationToken.None);

    /// <summary>An error status with a body under a given Content-Type.</summary>
    private sealed record ErrorReply(int Status, string ContentType, string Body) : StatusReply
    {
        internal override Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext context, string provider, string jobId)
        {
            context.Response.StatusCode = Status;
            context.Response.ContentType = ContentType;
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, Body, context.RequestAborted);
        }
    }
}
