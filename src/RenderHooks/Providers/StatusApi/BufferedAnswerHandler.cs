namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// Reads each attempt's whole answer before the resilience pipeline sees it. The pipeline's handler is outside this one,
/// so a body cut off mid-way (a reset after the headers), or one arriving too slowly, fails that attempt — retried like a
/// reset before the headers, bounded by the attempt timeout — instead of failing later, when the client reads the
/// content, outside the retries. An answer over <see cref="StatusApiServiceCollectionExtensions.MaxAnswerBytes"/> fails
/// with <see cref="HttpRequestError.ConfigurationLimitExceeded"/>, which is not retried.
/// </summary>
internal sealed class BufferedAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(StatusApiServiceCollectionExtensions.MaxAnswerBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
