using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// An Application Insights ingestion endpoint on 127.0.0.1 (a free port) that keeps everything sent to it: every
/// request body (gzip undone) whatever its path — track calls, Live Metrics pings, app id lookups — and the items of
/// every <c>/v2/track</c> or <c>/v2.1/track</c> call (JSON lines, or a JSON array), each answered as accepted.
/// Point a connection string's <c>IngestionEndpoint</c> and <c>LiveEndpoint</c> here (<see cref="ConnectionString"/>).
/// </summary>
public sealed class TelemetrySink : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<TelemetryItem> _items = new();
    private WebApplication? _app;

    private TelemetrySink()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>An Application Insights connection string that sends everything here (Live Metrics included), never to Azure.</summary>
    public string ConnectionString =>
        $"InstrumentationKey=00000000-0000-0000-0000-0000000000a1;IngestionEndpoint={BaseUrl};LiveEndpoint={BaseUrl}";

    /// <summary>Every request body received, decompressed, prefixed with its method and path.</summary>
    public IReadOnlyCollection<string> Bodies => _bodies;

    /// <summary>Every telemetry item received.</summary>
    public IReadOnlyCollection<TelemetryItem> Items => _items;

    public static async Task<TelemetrySink> StartAsync()
    {
        var sink = new TelemetrySink();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sink.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return sink;
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
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        _bodies.Enqueue($"{request.Method} {request.Path}{request.QueryString}\n{body}");
        var accepted = 0;
        if (HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/track", StringComparison.Ordinal) == true)
        {
            foreach (var item in Split(body))
            {
                _items.Enqueue(TelemetryItem.Parse(item));
                accepted++;
            }
        }

        // Track calls are answered as ingestion does; Live Metrics pings get no x-ms-qps-subscribed header (nobody watches).
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"itemsReceived":{{accepted}},"itemsAccepted":{{accepted}},"errors":[]}""", context.RequestAborted);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var raw = new MemoryStream();
        await request.Body.CopyToAsync(raw, cancellationToken);
        raw.Position = 0;
        Stream body = request.Headers.ContentEncoding.ToString().ToLowerInvariant() switch
        {
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "deflate" => new DeflateStream(raw, CompressionMode.Decompress),
            _ => raw,
        };
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>The items of a track call: one JSON object per line, or a JSON array of them.</summary>
    private static IEnumerable<string> Split(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('['))
        {
            using var array = JsonDocument.Parse(trimmed);
            return [.. array.RootElement.EnumerateArray().Select(e => e.GetRawText())];
        }

        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
