namespace RenderHooks.Providers.StatusApi;

/// <summary>The HTTP statuses both providers' answers share a meaning for, whatever the body says.</summary>
internal static class StatusApiAnswerRules
{
    /// <summary>
    /// 429 → throttled; 401/403 → unauthorized; 3xx (never followed), 408 and 5xx → unavailable.
    /// Null when the body must be read to decide (2xx, 404, other 4xx).
    /// </summary>
    public static ProviderStatus? Classify(StatusApiAnswer answer) => answer.StatusCode switch
    {
        429 => ProviderStatuses.Throttled(answer.RetryAfter, answer.RetryAfter is { } wait
            ? $"HTTP 429: rate limited, retry after {wait.TotalSeconds:0.###} s"
            : "HTTP 429: rate limited"),
        401 or 403 => ProviderStatuses.Unauthorized($"HTTP {answer.StatusCode}: the API key was refused"),
        >= 300 and < 400 => ProviderStatuses.Unavailable($"HTTP {answer.StatusCode}: redirects are not followed"),
        408 or >= 500 => ProviderStatuses.Unavailable($"HTTP {answer.StatusCode}"),
        < 200 => ProviderStatuses.Unavailable($"HTTP {answer.StatusCode}"),
        _ => null,
    };

    public static bool IsSuccess(StatusApiAnswer answer) => answer.StatusCode is >= 200 and < 300;
}
