namespace RenderHooks.Providers.StatusApi;

/// <summary>One answer of a provider's status API.</summary>
internal sealed record ProviderStatus
{
    public required ProviderStatusKind Kind { get; init; }

    /// <summary>Terminal only: the provider's answer normalized.</summary>
    public RenderReport? Report { get; init; }

    /// <summary>The provider's own status text, e.g. <c>rendering</c> or <c>done</c>.</summary>
    public string? ProviderState { get; init; }

    /// <summary>Throttled: how long the provider asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A short text safe for logs: never the API key or the full body.</summary>
    public string? Reason { get; init; }
}
