using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// The resilience pipeline of a status client, outermost first: a total timeout, retries for 429, 408, 5xx, connection
/// errors (before the headers or within the body, which each attempt reads whole) and attempt timeouts (honouring
/// <c>Retry-After</c> up to <see cref="ProviderStatusOptions.MaxRetryAfter"/>), and the per-attempt timeout. An answer asking for a longer wait is returned as is, at once.
/// </summary>
internal static class StatusApiPipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ProviderStatusOptions options, TimeProvider timeProvider)
    {
        builder.TimeProvider = timeProvider;
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "StatusTotalTimeout", Timeout = TotalTimeout(options) });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "StatusRetry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = LongestWait(options),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter, timeProvider)),
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "StatusAttemptTimeout", Timeout = options.Timeout });
    }

    /// <summary>Every attempt at its timeout plus the longest wait before each retry.</summary>
    public static TimeSpan TotalTimeout(ProviderStatusOptions options) =>
        (options.Timeout * (options.MaxRetries + 1)) + (LongestWait(options) * options.MaxRetries) + TimeSpan.FromSeconds(1);

    /// <summary>Retry for transient failures, unless the provider asked for a wait longer than we accept.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (outcome.Exception is not null)
        {
            // A connection reset before the headers or within the body, a time-out; not an answer over the size limit.
            return outcome.Exception is HttpRequestException { HttpRequestError: not HttpRequestError.ConfigurationLimitExceeded } or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status is not (429 or 408 or >= 500))
        {
            return false;
        }

        return RetryAfterHeader.Read(response, timeProvider) is not { } wait || wait <= maxRetryAfter;
    }

    private static TimeSpan LongestWait(ProviderStatusOptions options) =>
        options.MaxRetryAfter > options.RetryDelay ? options.MaxRetryAfter : options.RetryDelay;
}
