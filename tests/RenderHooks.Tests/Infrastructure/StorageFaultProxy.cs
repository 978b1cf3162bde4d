using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A reverse proxy (Kestrel on 127.0.0.1, a free port) in front of one Azurite endpoint: every request is forwarded to
/// Azurite byte for byte and its answer returned, except those a test's <see cref="StorageFault"/> matches, which get
/// the answer the fault forces — a status and an error code, written as the service writes its errors — or are held
/// until a number of them have arrived. Point a connection string's endpoint at it with <see cref="Redirect"/>.
/// </summary>
public sealed class StorageFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection" };

    private readonly int _targetPort;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentQueue<StorageFault> _faults = new();
    private WebApplication? _app;

    private StorageFaultProxy(int targetPort) => _targetPort = targetPort;

    /// <summary>The port clients connect to.</summary>
    public int Port { get; private set; }

    /// <summary>Every request that reached the proxy, forwarded or not, in order of arrival.</summary>
    public ConcurrentQueue<StorageRequest> Requests { get; } = new();

    public static async Task<StorageFaultProxy> StartAsync(int targetPort)
    {
        var proxy = new StorageFaultProxy(targetPort);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy.Port = new Uri(address).Port;
        return proxy;
    }

    /// <summary><paramref name="connectionString"/> with the endpoint on <paramref name="port"/> (the proxy's target) sent through the proxy.</summary>
    public string Redirect(string connectionString, int port) =>
        connectionString.Replace($":{port}/", $":{Port}/", StringComparison.Ordinal);

    /// <summary>
    /// Answers every request <paramref name="match"/> accepts with <paramref name="status"/> and <paramref name="errorCode"/>
    /// instead of forwarding it, <paramref name="times"/> times at most (every time when null), until lifted.
    /// </summary>
    public StorageFault Fail(Func<StorageRequest, bool> match, int status, string errorCode, int? times = null)
    {
        var fault = StorageFault.Answer(match, status, errorCode, times);
        _faults.Enqueue(fault);
        return fault;
    }

    /// <summary>
    /// Forwards every request <paramref name="match"/> accepts, so storage does it, then answers <paramref name="status"/> and
    /// <paramref name="errorCode"/> instead of storage's answer — an answer lost on the way back — <paramref name="times"/>
    /// times at most (every time when null), until lifted.
    /// </summary>
    public StorageFault LoseAnswer(Func<StorageRequest, bool> match, int status, string errorCode, int? times = null)
    {
        var fault = StorageFault.AfterForward(match, status, errorCode, times);
        _faults.Enqueue(fault);
        return fault;
    }

    /// <summary>
    /// Answers requests <paramref name="match"/> accepts with 200 and an HTML page (neither JSON nor XML) instead of
    /// storage's answer — what a captive portal or a misrouted private endpoint gives — <paramref name="times"/> times at
    /// most, until lifted.
    /// </summary>
    public StorageFault Garble(Func<StorageRequest, bool> match, int? times = null)
    {
        var fault = StorageFault.Answer(match, 200, string.Empty, times);
        _faults.Enqueue(fault);
        return fault;
    }

    /// <summary>
    /// Holds the first <paramref name="count"/> requests <paramref name="match"/> accepts until all of them have arrived,
    /// then forwards them together; later ones pass. A race made certain: each was sent before any was answered.
    /// </summary>
    public StorageFault Hold(Func<StorageRequest, bool> match, int count)
    {
        var fault = StorageFault.Gate(match, count);
        _faults.Enqueue(fault);
        return fault;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var fault in _faults)
        {
            fault.Lift();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _forward.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var request = new StorageRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, context.Request.Headers);
        Requests.Enqueue(request);

        foreach (var fault in _faults)
        {
            switch (fault.Take(request))
            {
                case StorageFault.Action.Answer when fault.Status == 200:
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<html><body><h1>Sign in to continue</h1><br></body></html>", context.RequestAborted);
                    return;
                case StorageFault.Action.Answer when fault.Forwards:
                    await ForwardAsync(context, target, keepAnswer: false);
                    await WriteErrorAsync(context, fault.Status, fault.ErrorCode);
                    return;
                case StorageFault.Action.Answer:
                    await WriteErrorAsync(context, fault.Status, fault.ErrorCode);
                    return;
                case StorageFault.Action.Hold:
                    await fault.Released.WaitAsync(context.RequestAborted);
                    break;
                default:
                    continue;
            }

            break;
        }

        await ForwardAsync(context, target, keepAnswer: true);
    }

    private async Task ForwardAsync(HttpContext context, string target, bool keepAnswer)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri($"http://127.0.0.1:{_targetPort}{target}"));
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content ??= new ByteArrayContent([]);
                forward.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var answer = await _forward.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (!keepAnswer)
        {
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>An error as the storage service writes it: the code in <c>x-ms-error-code</c>, and in the body (XML for queues, JSON for tables).</summary>
    private static Task WriteErrorAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-ms-error-code"] = code;
        var message = $"Forced by the test's storage fault proxy: {code}.";
        string body;
        if (context.Request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.ContentType = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
            body = new JsonObject
            {
                ["odata.error"] = new JsonObject { ["code"] = code, ["message"] = new JsonObject { ["lang"] = "en-US", ["value"] = message } },
            }.ToJsonString();
        }
        else
        {
            context.Response.ContentType = "application/xml";
            body = $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>""";
        }

        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }
}
