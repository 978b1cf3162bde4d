namespace RenderHooks.Providers.StatusApi;

/// <summary>What a provider's status API said about a job.</summary>
internal enum ProviderStatusKind
{
    /// <summary>The job reached a terminal state; <see cref="ProviderStatus.Report"/> holds it.</summary>
    Terminal,

    /// <summary>The job exists and is not finished (queued, rendering, or a state we do not know).</summary>
    InProgress,

    /// <summary>The provider does not know the job (or the job id cannot exist).</summary>
    Unknown,

    /// <summary>The provider asked us to slow down; <see cref="ProviderStatus.RetryAfter"/> says for how long when it did.</summary>
    Throttled,

    /// <summary>The provider refused the API key.</summary>
    Unauthorized,

    /// <summary>No usable answer: not configured, timeout, connection error, 5xx after retries, unreadable body.</summary>
    Unavailable,
}
