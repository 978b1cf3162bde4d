using System.Net;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// Sends a webhook as the providers do: a 503 (the queue write failed or timed out — on a loaded test machine, Azurite
/// stalling for a few seconds is enough) is sent again after a pause, until another answer comes. A 503 whose queue
/// write had landed nonetheless leaves a delivery of its own: delivery is at least once (DESIGN.md, Guarantees), so a
/// test that counts deliveries allows one more per 503 it saw, and never assumes there was none.
/// </summary>
public static class ProviderRetry
{
    /// <summary>How long a sender waits after a 503 (a provider waits the Retry-After; a test cannot).</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends made before the last 503 is returned as the answer (the test then fails on it).</summary>
    private const int MaxSends = 100;

    /// <summary>Posts <paramref name="content"/> (made anew for each send) until the answer is not 503; calls <paramref name="refused"/> for each 503.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string requestUri, Func<HttpContent> content, Action? refused = null)
    {
        for (var send = 1; ; send++)
        {
            using var body = content();
            var response = await client.PostAsync(requestUri, body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || send == MaxSends)
            {
                return response;
            }

            refused?.Invoke();
            response.Dispose();
            await Task.Delay(Pause);
        }
    }
}
