using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.PhantomFlow;

/// <summary>
/// PhantomFlow's status API: <c>GET {BaseUrl}/api/jobs/{jobId}</c>. The key goes in <c>Authorization: Bearer</c> (our design)
/// and in <c>x-api-key</c> (what PhantomFlow's API reference documents), both to the configured host only.
/// </summary>
internal sealed class PhantomFlowStatusClient(
    HttpClient httpClient,
    IOptions<PhantomFlowStatusOptions> options,
    TimeProvider timeProvider,
    ILogger<PhantomFlowStatusClient> logger)
    : ProviderStatusClientBase(httpClient, options.Value, timeProvider, logger)
{
    public override string Provider => ProviderNames.PhantomFlow;

    protected override Uri? TryBuildRequestUri(string baseUrl, string jobId)
    {
        var prefix = baseUrl + "/api/jobs/";
        if (!Uri.TryCreate(prefix + Uri.EscapeDataString(jobId), UriKind.Absolute, out var uri))
        {
            return null;
        }

        // Uri removes dot segments ("..", "."): the id must still be the one segment after the prefix.
        var built = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return built.StartsWith(prefix, StringComparison.Ordinal)
            && built.Length > prefix.Length
            && !built.AsSpan(prefix.Length).Contains('/')
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0
                ? uri
                : null;
    }

    protected override void AddApiKey(HttpRequestHeaders headers, string apiKey)
    {
        headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        headers.TryAddWithoutValidation("x-api-key", apiKey);
    }

    protected override ProviderStatus Read(StatusApiAnswer answer, string jobId) => PhantomFlowStatusReader.Read(answer, jobId);
}
