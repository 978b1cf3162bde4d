namespace RenderHooks.Providers.StatusApi;

/// <summary>The HTTP statuses both providers' answers share a meaning for, whatever the body says.</summary>
internal static class StatusApiAnswerRules
{
    /// <summary>
    /// 429 → throttled; 401/403 → unauthorized; 3xx (never followed), 408 and 5xx → unavailable; a 2xx whose
    /// <c>Content-Type</c> is not JSON (an HTML page from a proxy, text, none) → unavailable, as a fault, like a body
    /// that is not JSON. Null when the body must be read to decide (a JSON 2xx, 404, other 4xx).
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
        < 300 when !IsJson(answer) => ProviderStatuses.Unavailable($"HTTP {answer.StatusCode} {NotJson(answer)}"),
        _ => null,
    };

    public static bool IsSuccess(StatusApiAnswer answer) => answer.StatusCode is >= 200 and < 300;

    /// <summary>
    /// Whether the answer says it is JSON: <c>application/json</c>, <c>text/json</c> or <c>application/*+json</c>. Neither
    /// provider documents another type for its status API; an error body of another type is not read for a message.
    /// </summary>
    public static bool IsJson(StatusApiAnswer answer) => MediaTypes.IsJson(answer.MediaType);

    private static string NotJson(StatusApiAnswer answer) => answer.MediaType is { Length: > 0 } type
        ? $"with Content-Type '{ReasonText.Quote(type)}': not a JSON answer"
        : "without a readable Content-Type: not a JSON answer";
}
