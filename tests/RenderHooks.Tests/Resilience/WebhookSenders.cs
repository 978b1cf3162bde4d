using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Resilience;

/// <summary>
/// Concurrent senders that post webhooks one after another, each a new job, and behave as PhantomFlow does on a 503:
/// wait and send the same webhook again until it is accepted. Every answer is recorded: a 200 with its delivery id,
/// a 503 with its <c>Retry-After</c>, and anything else as unexpected.
/// </summary>
internal sealed class WebhookSenders
{
    /// <summary>How long a sender waits after a 503 (PhantomFlow waits the Retry-After; a test cannot).</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one webhook may go unaccepted before its sender gives up and records it as unexpected.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly HttpClient _client;
    private readonly int _senders;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<string, TestWebhook> _accepted = new();
    private readonly ConcurrentQueue<TimeSpan?> _refusals = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _next = -1;
    private List<Task> _running = [];

    public WebhookSenders(HttpClient client, int senders)
    {
        _client = client;
        _senders = senders;
    }

    /// <summary>Accepted deliveries by delivery id.</summary>
    public IReadOnlyDictionary<string, TestWebhook> Accepted => _accepted;

    /// <summary>The Retry-After of every 503 (null where the header was missing).</summary>
    public IReadOnlyCollection<TimeSpan?> Refusals => _refusals;

    /// <summary>Every answer that was neither 200 with a delivery id nor 503.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public void Start() => _running = [.. Enumerable.Range(0, _senders).Select(_ => Task.Run(SendUntilStoppedAsync))];

    /// <summary>Stops starting new webhooks and waits until every sender's last one is accepted (or given up on).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    /// <summary>Stops every sender at once, its last webhook accepted or not (a test that failed is ending).</summary>
    public async Task AbortAsync()
    {
        await _abort.CancelAsync();
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task WaitForAcceptedAsync(int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_accepted.Count), n => n >= count || !_unexpected.IsEmpty, what, TimeSpan.FromMinutes(2));

    public Task WaitForRefusedAsync(int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_refusals.Count), n => n >= count || !_unexpected.IsEmpty, what, TimeSpan.FromMinutes(2));

    private async Task SendUntilStoppedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var webhook = TestWebhook.Mix(Interlocked.Increment(ref _next), withUnparseable: true);
            await SendUntilAcceptedAsync(webhook);
        }
    }

    private async Task SendUntilAcceptedAsync(TestWebhook webhook)
    {
        var giveUpAt = DateTimeOffset.UtcNow + GiveUpAfter;
        while (DateTimeOffset.UtcNow < giveUpAt && !_abort.IsCancellationRequested)
        {
            using var response = await TryPostAsync(webhook);
            if (response is null)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var deliveryId = JsonDocument.Parse(body).RootElement.GetProperty("deliveryId").GetString();
                    if (deliveryId is null || !_accepted.TryAdd(deliveryId, webhook))
                    {
                        _unexpected.Enqueue($"200 with a missing or repeated delivery id: {body}");
                    }

                    return;
                case HttpStatusCode.ServiceUnavailable:
                    _refusals.Enqueue(response.Headers.RetryAfter?.Delta);
                    await Task.Delay(RetryPause, _abort.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                default:
                    _unexpected.Enqueue($"{(int)response.StatusCode}: {body}");
                    return;
            }
        }

        if (!_abort.IsCancellationRequested)
        {
            _unexpected.Enqueue($"{webhook.Provider} webhook for '{webhook.JobId}' still refused after {GiveUpAfter}.");
        }
    }

    private async Task<HttpResponseMessage?> TryPostAsync(TestWebhook webhook)
    {
        using var content = new StringContent(webhook.Body, Encoding.UTF8, webhook.ContentType);
        try
        {
            return await _client.PostAsync(new Uri($"/api/hooks/{webhook.Provider}/{ServerFactory.Token}", UriKind.Relative), content);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            _unexpected.Enqueue($"No answer: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }
}
