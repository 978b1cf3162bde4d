namespace RenderHooks.Providers.StatusApi;

/// <summary>Asks one provider's status API what became of a job.</summary>
internal interface IProviderStatusClient
{
    /// <summary>A <see cref="ProviderNames"/> constant.</summary>
    string Provider { get; }

    /// <summary>True when the status API's base URL and API key are both set.</summary>
    bool IsConfigured { get; }

    /// <summary>Never throws but for the caller's cancellation: every failure is a <see cref="ProviderStatus"/>.</summary>
    Task<ProviderStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken);
}
