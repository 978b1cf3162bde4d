using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Reconciliation;

/// <summary>
/// Per provider, whether reconciliation is on — the reconciler asks the same clients — and which settings turn it on
/// when it is off. Logged at start (<see cref="ReconciliationStartupLog"/>) and reported by <c>GET /api/health/details</c>.
/// </summary>
public sealed class ReconciliationSettings
{
    internal ReconciliationSettings(IEnumerable<IProviderStatusClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        Providers = clients
            .OrderBy(c => c.Provider, StringComparer.Ordinal)
            .ToDictionary(
                c => c.Provider,
                c => c.IsConfigured ? new ProviderReconciliation(true, null) : new ProviderReconciliation(false, c.MissingSettings),
                StringComparer.Ordinal);
    }

    /// <summary>By provider name (<c>phantomflow</c>, <c>json2video</c>).</summary>
    public IReadOnlyDictionary<string, ProviderReconciliation> Providers { get; }
}
