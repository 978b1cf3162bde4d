namespace RenderHooks.Reconciliation;

/// <summary>
/// Whether one provider's jobs are checked against its status API, and if not, which settings turn it on (names only,
/// never a value).
/// </summary>
/// <param name="Enabled">Whether reconciliation asks this provider's status API.</param>
/// <param name="MissingSettings">The settings to set to turn it on; null when it is on.</param>
public sealed record ProviderReconciliation(bool Enabled, IReadOnlyList<string>? MissingSettings);
