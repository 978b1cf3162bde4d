using System.Net;
using System.Net.Http.Headers;

namespace RenderHooks.LoadBench;

/// <summary>Posts webhooks to the server as a provider does, over at most <c>maxConnections</c> kept-alive connections.</summary>
internal sealed class WebhookClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new(PhantomFlowWebhook.MediaType);
    private readonly HttpClient _http;
    private readonly Uri _hookUri;

    public WebhookClient(Uri serverAddress, string token, int maxConnections)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _hookUri = new Uri(serverAddress, $"/api/hooks/{PhantomFlowWebhook.Provider}/{token}");
    }

    /// <summary>Posts a webhook for <paramref name="jobId"/>; null when answered 200, else what went wrong.</summary>
    public async Task<string?> PostAsync(string jobId, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(PhantomFlowWebhook.Body(jobId));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await _http.PostAsync(_hookUri, content, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    public void Dispose() => _http.Dispose();
}
