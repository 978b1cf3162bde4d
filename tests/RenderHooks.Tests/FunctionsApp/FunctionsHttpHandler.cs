extern alias functions;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Tests.Infrastructure;
using GetJob = functions::RenderHooks.Functions.Jobs.GetJob;
using HealthCheck = functions::RenderHooks.Functions.Health.HealthCheck;
using HealthDetails = functions::RenderHooks.Functions.Health.HealthDetails;
using ListDeliveries = functions::RenderHooks.Functions.Deliveries.ListDeliveries;
using ListJobs = functions::RenderHooks.Functions.Jobs.ListJobs;
using ReceiveWebhook = functions::RenderHooks.Functions.Hooks.ReceiveWebhook;
using RefuseWebhookMethod = functions::RenderHooks.Functions.Hooks.RefuseWebhookMethod;
using RegisterJob = functions::RenderHooks.Functions.Jobs.RegisterJob;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// Answers HTTP requests with the Functions app's HTTP functions, as the worker's ASP.NET Core integration does: the
/// request is routed by the functions' own metadata (route prefix from host.json, route template and methods); its
/// caller's address reaches the app as the host and the worker hand it on (<see cref="ForwardAsTheHost"/>); the
/// function, made from a new invocation scope, gets an ASP.NET Core <see cref="HttpRequest"/> whose
/// <c>RequestServices</c> is that scope; the <see cref="IResult"/> it returns is executed on the request's
/// <see cref="HttpContext"/>, as <c>FunctionsHttpProxyingMiddleware</c> does. A request no function serves (unknown
/// route or a method the route does not serve) is answered 404, as the Functions host answers it (its router matches
/// method and route together). Function keys are not checked: the host checks them before the worker is called.
/// </summary>
public sealed class FunctionsHttpHandler(FunctionsAppHost app) : HttpMessageHandler
{
    private readonly Lazy<Task<IReadOnlyList<HttpFunctionRoute>>> _routes = new(FunctionsMetadata.HttpRoutesAsync);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = PathString.FromUriComponent(request.RequestUri!);
        var values = new RouteValueDictionary();
        HttpFunctionRoute? route = null;
        foreach (var candidate in await _routes.Value)
        {
            values.Clear();
            if (candidate.Serves(request.Method.Method) && candidate.TryMatch(path, values))
            {
                route = candidate;
                break;
            }
        }

        if (route is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
        }

        await using var scope = app.Services.CreateAsyncScope();
        var context = await ToHttpContextAsync(request, path, values, scope.ServiceProvider, cancellationToken);
        ForwardAsTheHost(context);
        var result = await CallAsync(route.Name, scope.ServiceProvider, context.Request, values, cancellationToken);
        await result.ExecuteAsync(context);
        return ToResponse(context, request);
    }

    /// <summary>
    /// The caller's address, as the host and the worker pass it on before a function runs. The host proxies the request
    /// to the worker with YARP's default transforms, whose X-Forwarded-For action is Set: the header becomes the host's
    /// own view of the caller, whatever the caller sent, and the worker's peer is the host on loopback. The worker's
    /// ASP.NET Core integration then runs UseForwardedHeaders with the app's options, which makes the header the
    /// request's RemoteIpAddress. The caller is <see cref="TestPeer"/>'s address, else loopback (a client on the host's
    /// machine). FunctionsHostSourceAllowlistTests checks the same under a real host.
    /// </summary>
    private void ForwardAsTheHost(HttpContext context)
    {
        var caller = TestPeer.Take(context.Request) ?? IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = caller.ToString();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Connection.RemotePort = 50000;
        var worker = new ForwardedHeadersMiddleware(
            _ => Task.CompletedTask, app.Services.GetRequiredService<ILoggerFactory>(), app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        worker.ApplyForwarders(context);
    }

    /// <summary>One call per HTTP function, with the parameters its signature binds; a new function needs a line here.</summary>
    private static async Task<IResult> CallAsync(
        string function, IServiceProvider services, HttpRequest request, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        string Value(string name) => Convert.ToString(values[name], System.Globalization.CultureInfo.InvariantCulture)!;
        T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

        return function switch
        {
            "ReceiveWebhook" => await Create<ReceiveWebhook>().RunAsync(request, Value("provider"), Value("token"), cancellationToken),
            "RefuseWebhookMethod" => RefuseWebhookMethod.Run(request),
            "RegisterJob" => await Create<RegisterJob>().RunAsync(request, cancellationToken),
            "GetJob" => await Create<GetJob>().RunAsync(request, Value("provider"), Value("jobId"), cancellationToken),
            "Health" => await Create<HealthCheck>().RunAsync(request, cancellationToken),
            "HealthDetails" => await Create<HealthDetails>().RunAsync(request, cancellationToken),
            "ListDeliveries" => await Create<ListDeliveries>().RunAsync(request, cancellationToken),
            "ListJobs" => await Create<ListJobs>().RunAsync(request, cancellationToken),
            _ => throw new InvalidOperationException($"The test host has no call for the HTTP function '{function}'."),
        };
    }

    private static async Task<HttpContext> ToHttpContextAsync(
        HttpRequestMessage message, PathString path, RouteValueDictionary values, IServiceProvider services, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        var request = context.Request;
        request.Method = message.Method.Method;
        request.Scheme = message.RequestUri!.Scheme;
        request.Host = HostString.FromUriComponent(message.RequestUri);
        request.Path = path;
        request.QueryString = QueryString.FromUriComponent(message.RequestUri);
        request.Protocol = "HTTP/1.1";
        request.RouteValues = values;
        foreach (var (name, headerValues) in message.Headers)
        {
            request.Headers[name] = headerValues.ToArray();
        }

        if (message.Content is not null)
        {
            foreach (var (name, headerValues) in message.Content.Headers)
            {
                request.Headers[name] = headerValues.ToArray();
            }

            var body = await message.Content.ReadAsByteArrayAsync(cancellationToken);
            request.Body = new MemoryStream(body);
            request.ContentLength = message.Headers.TransferEncodingChunked == true ? null : body.Length;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static HttpResponseMessage ToResponse(HttpContext context, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(((MemoryStream)context.Response.Body).ToArray()),
        };
        foreach (var (name, headerValues) in context.Response.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)headerValues))
            {
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)headerValues);
            }
        }

        return response;
    }
}
