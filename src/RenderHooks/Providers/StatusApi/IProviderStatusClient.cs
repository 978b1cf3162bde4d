namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// Asks one provider's status API about one job. Requests go only to the configured base URL, never to a URL
/// taken from a payload or an answer (redirects are not followed).
/// </summary>
internal interface IProviderStatusClient
{
    /// <summary><see cref="ProviderNames.PhantomFlow"/> or <see cref="ProviderNames.Json2Video"/>.</summary>
    string Provider { get; }

    /// <summary>Whether both the base URL and the API key are set; an unconfigured client answers <see cref="ProviderStatusKind.Unavailable"/> without a request.</summary>
    bool IsConfigured { get; }

    /// <summary>The settings to set for <see cref="IsConfigured"/> (names, never values); empty when configured.</summary>
    IReadOnlyList<string> MissingSettings { get; }

    /// <summary>
    /// The provider's answer for <paramref name="jobId"/>. Never throws, except <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled: timeouts, connection errors, 5xx after retries and unreadable
    /// answers become <see cref="ProviderStatusKind.Unavailable"/>.
    /// </summary>
    Task<ProviderStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken);
}
