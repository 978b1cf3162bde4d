using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// JSON2Video's status API: <c>GET {BaseUrl}/v2/movies?project={id}&amp;format=simple</c> with the key in <c>x-api-key</c>.
/// <c>format=simple</c> (documented) leaves the submitted movie JSON out of the answer.
/// </summary>
internal sealed class Json2VideoStatusClient(
    HttpClient httpClient,
    IOptions<Json2VideoStatusOptions> options,
    TimeProvider timeProvider,
    ILogger<Json2VideoStatusClient> logger)
    : ProviderStatusClientBase(httpClient, options.Value, timeProvider, logger)
{
    public override string Provider => ProviderNames.Json2Video;

    protected override Uri? TryBuildRequestUri(string baseUrl, string jobId)
    {
        var path = baseUrl + "/v2/movies";
        var query = "?project=" + Uri.EscapeDataString(jobId) + "&format=simple";
        return Uri.TryCreate(path + query, UriKind.Absolute, out var uri)
            && uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) == path
            && uri.Query == query
            && uri.Fragment.Length == 0
                ? uri
                : null;
    }

    protected override void AddApiKey(HttpRequestHeaders headers, string apiKey) => headers.TryAddWithoutValidation("x-api-key", apiKey);

    protected override ProviderStatus Read(StatusApiAnswer answer, string jobId) => Json2VideoStatusReader.Read(answer, jobId);
}
