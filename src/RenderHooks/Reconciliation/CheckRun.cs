using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Reconciliation;

/// <summary>One run's context while it checks one provider's due jobs: who it is, its call budget, its tallies, the provider's back-off.</summary>
internal sealed record CheckRun(string RunId, IProviderStatusClient Client, StatusCallBudget Budget, ReconcileCounters Counters, ProviderBackoff Backoff);
