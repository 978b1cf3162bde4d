namespace RenderHooks.Providers.StatusApi;

/// <summary>What a provider's status API answered, as reconciliation acts on it.</summary>
internal enum ProviderStatusKind
{
    Terminal,
    InProgress,
    Unknown,
    Throttled,
    Unauthorized,
    Unavailable,
}
