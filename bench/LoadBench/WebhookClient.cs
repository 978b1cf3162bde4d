using System.Net;
using System.Net.Http.Headers;

namespace RenderHooks.LoadBench;

/// <summary>Posts webhooks to the server as a provider does, over at most <c>maxConnections</c> kept-alive connections.</summary>
internal sealed class WebhookClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new(PhantomFlowWebhook.MediaType);
    private readonly HttpClient _http;
    private readonly Uri _hookUri;
    private readonly Uri _json2VideoUri;

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
        _json2VideoUri = new Uri(serverAddress, $"/api/hooks/{Json2VideoWebhook.Provider}/{token}");
    }

    /// <summary>Posts a webhook for <paramref name="jobId"/>; null when answered 200, else what went wrong.</summary>
    public Task<string?> PostAsync(string jobId, CancellationToken cancellationToken) =>
        PostAsync(_hookUri, PhantomFlowWebhook.Body(jobId), cancellationToken);

    /// <summary>Posts a JSON2Video webhook of exactly <paramref name="bytes"/> bytes for a new project; as <see cref="PostAsync(string, CancellationToken)"/>.</summary>
    public Task<string?> PostJson2VideoAsync(int bytes, CancellationToken cancellationToken) =>
        PostAsync(_json2VideoUri, Json2VideoWebhook.Body(Json2VideoWebhook.NewProject(), bytes), cancellationToken);

    private async Task<string?> PostAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        try
        {
            using var response = await _http.PostAsync(uri, content, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    public void Dispose() => _http.Dispose();
}
