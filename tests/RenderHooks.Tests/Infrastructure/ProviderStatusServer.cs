using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that plays both providers' status APIs:
/// PhantomFlow <c>GET /api/jobs/{id}</c> (key in <c>x-api-key</c> as PhantomFlow documents it, or <c>Authorization: Bearer</c>;
/// 401 otherwise) and JSON2Video <c>GET /v2/movies?project={id}</c> (key in <c>x-api-key</c>; 400 "Error: Invalid API Key"
/// otherwise, as the live API answers). Replies are scripted per job; an unscripted job gets the provider's "not found".
/// The job id of a PhantomFlow call is read from the raw request target, so a client that does not escape it is caught.
/// </summary>
public sealed class ProviderStatusServer : IAsyncDisposable
{
    public const string PhantomFlowApiKey = "pf-status-test-key-0123456789";
    public const string Json2VideoApiKey = "j2v-status-test-key-0123456789";

    /// <summary>The attempt timeout of <see cref="Settings"/>.</summary>
    public const string AttemptTimeout = "00:01:00";

    private const string JobsPrefix = "/api/jobs/";
    private const string MoviesPath = "/v2/movies";

    private readonly ConcurrentDictionary<(string Provider, string JobId), ReplyQueue> _scripts = new();
    private readonly ConcurrentDictionary<(string Provider, string JobId), int> _calls = new();
    private WebApplication? _app;
    private int _totalCalls;

    private ProviderStatusServer()
    {
    }

    /// <summary>Serves both APIs: <c>/api/jobs/{id}</c> and <c>/v2/movies?project=</c>. Ends with '/'.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, including ones that matched no API.</summary>
    public int TotalCalls => Volatile.Read(ref _totalCalls);

    public static async Task<ProviderStatusServer> StartAsync()
    {
        var server = new ProviderStatusServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Replies for one job, consumed in order; the last one repeats.</summary>
    public void Script(string provider, string jobId, params StatusReply[] replies)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replies.Length);
        _scripts[(provider, jobId)] = new ReplyQueue(replies);
    }

    /// <summary>Requests received for one job (authorized or not).</summary>
    public int Calls(string provider, string jobId) => _calls.TryGetValue((provider, jobId), out var count) ? count : 0;

    /// <summary>
    /// Settings to merge into configuration: both providers at this server, small retries, and an attempt timeout no
    /// answer of this server comes near, so a test that counts calls never sees one timed out on a busy machine and
    /// retried. A test about timeouts sets its own, and moves a fake clock past it (<see cref="ObservedClock"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (section, key) in new[] { ("RenderHooks:PhantomFlow", PhantomFlowApiKey), ("RenderHooks:Json2Video", Json2VideoApiKey) })
        {
            settings[$"{section}:BaseUrl"] = BaseUrl.ToString();
            settings[$"{section}:ApiKey"] = key;
            settings[$"{section}:Timeout"] = AttemptTimeout;
            settings[$"{section}:MaxRetries"] = "2";
            settings[$"{section}:MaxRetryAfter"] = "00:00:02";
            settings[$"{section}:RetryDelay"] = "00:00:00.050";
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _totalCalls);
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = 405;
            return;
        }

        if (path.StartsWith(JobsPrefix, StringComparison.Ordinal))
        {
            var segment = path[JobsPrefix.Length..];
            if (segment.Length == 0 || segment.Contains('/', StringComparison.Ordinal) || queryStart >= 0)
            {
                await StatusReply.WriteJsonAsync(context, 404, StatusReply.Error("NOT_FOUND", "No such route"));
                return;
            }

            await AnswerAsync(context, ProviderNames.PhantomFlow, Uri.UnescapeDataString(segment), IsPhantomFlowKey(context.Request));
            return;
        }

        if (path == MoviesPath && context.Request.Query["project"] is { Count: 1 } project && !string.IsNullOrEmpty(project[0]))
        {
            await AnswerAsync(context, ProviderNames.Json2Video, project[0]!, IsJson2VideoKey(context.Request));
            return;
        }

        await StatusReply.WriteJsonAsync(context, 404, StatusReply.Error("NOT_FOUND", "No such route"));
    }

    private async Task AnswerAsync(HttpContext context, string provider, string jobId, bool authorized)
    {
        _calls.AddOrUpdate((provider, jobId), 1, (_, count) => count + 1);
        if (!authorized)
        {
            if (provider == ProviderNames.PhantomFlow)
            {
                await StatusReply.WriteJsonAsync(context, 401, StatusReply.Error("UNAUTHORIZED", "The x-api-key header is missing, invalid, or revoked."));
            }
            else
            {
                var message = context.Request.Headers.ContainsKey("x-api-key") ? "Error: Invalid API Key" : "Error: API Key not provided";
                await StatusReply.WriteJsonAsync(context, 400, new JsonObject { ["success"] = false, ["message"] = message });
            }

            return;
        }

        var reply = _scripts.TryGetValue((provider, jobId), out var script) ? script.Next() : StatusReply.NotFound();
        await reply.WriteAsync(context, provider, jobId);
    }

    private static bool IsPhantomFlowKey(HttpRequest request) =>
        request.Headers["x-api-key"] == PhantomFlowApiKey || request.Headers.Authorization == "Bearer " + PhantomFlowApiKey;

    private static bool IsJson2VideoKey(HttpRequest request) => request.Headers["x-api-key"] == Json2VideoApiKey;

    private sealed class ReplyQueue(StatusReply[] replies)
    {
        private int _next;

        public StatusReply Next()
        {
            var index = Interlocked.Increment(ref _next) - 1;
            return replies[Math.Min(index, replies.Length - 1)];
        }
    }
}
