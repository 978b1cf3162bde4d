namespace RenderHooks.Providers.StatusApi;

/// <summary>One answer of a provider's status API, normalized.</summary>
internal sealed record ProviderStatus
{
    public required ProviderStatusKind Kind { get; init; }

    /// <summary>Terminal only: the provider's answer normalized (provider, job id as asked, status, fields).</summary>
    public RenderReport? Report { get; init; }

    /// <summary>The provider's own status text, trimmed to at most 64 characters, e.g. <c>rendering</c>, <c>done</c>.</summary>
    public string? ProviderState { get; init; }

    /// <summary>Throttled: how long the provider asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Short text safe for logs: never the API key nor a full body.</summary>
    public string? Reason { get; init; }
}
