using System.Collections.Concurrent;

namespace RenderHooks.Reconciliation;

/// <summary>Thread-safe tallies of one run, turned into its <see cref="ReconcileRunSummary"/> at the end.</summary>
internal sealed class ReconcileCounters
{
    private int _indexRowsRead;
    private int _jobsRead;
    private int _statusCalls;
    private int _verified;
    private int _corrected;
    private int _recovered;
    private int _unknown;
    private int _abandoned;
    private int _stillRendering;
    private int _published;
    private int _notFoundOnce;
    private int _unavailable;
    private int _settled;
    private int _stale;
    private int _deferred;
    private int _notCalled;
    private int _failed;
    private readonly ConcurrentDictionary<string, byte> _stopped = new(StringComparer.Ordinal);

    public void IndexRowRead() => Interlocked.Increment(ref _indexRowsRead);

    public void JobRead() => Interlocked.Increment(ref _jobsRead);

    public void StatusCalled() => Interlocked.Increment(ref _statusCalls);

    public void Published() => Interlocked.Increment(ref _published);

    public void StoppedProvider(string provider) => _stopped.TryAdd(provider, 0);

    public void Count(CheckOutcome outcome)
    {
        switch (outcome)
        {
            case CheckOutcome.Verified: Interlocked.Increment(ref _verified); break;
            case CheckOutcome.Corrected: Interlocked.Increment(ref _corrected); break;
            case CheckOutcome.Recovered: Interlocked.Increment(ref _recovered); break;
            case CheckOutcome.UnknownToProvider: Interlocked.Increment(ref _unknown); break;
            case CheckOutcome.Abandoned: Interlocked.Increment(ref _abandoned); break;
            case CheckOutcome.StillRendering: Interlocked.Increment(ref _stillRendering); break;
            case CheckOutcome.StaleIndexRow: Interlocked.Increment(ref _stale); break;
            case CheckOutcome.NotFoundOnce: Interlocked.Increment(ref _notFoundOnce); break;
            case CheckOutcome.ProviderUnavailable: Interlocked.Increment(ref _unavailable); break;
            case CheckOutcome.Settled: Interlocked.Increment(ref _settled); break;
            case CheckOutcome.Deferred: Interlocked.Increment(ref _deferred); break;
            case CheckOutcome.Throttled or CheckOutcome.Unauthorized or CheckOutcome.BudgetSpent: Interlocked.Increment(ref _notCalled); break;
            case CheckOutcome.Failed: Interlocked.Increment(ref _failed); break;
            default: break;
        }
    }

    public ReconcileRunSummary ToSummary(string runId, IReadOnlyList<string> providers, TimeSpan elapsed) => new()
    {
        RunId = runId,
        Providers = providers,
        IndexRowsRead = _indexRowsRead,
        JobsRead = _jobsRead,
        StatusCalls = _statusCalls,
        Verified = _verified,
        Corrected = _corrected,
        Recovered = _recovered,
        UnknownToProvider = _unknown,
        Abandoned = _abandoned,
        StillRendering = _stillRendering,
        EventsPublished = _published,
        NotFoundOnce = _notFoundOnce,
        ProviderUnavailable = _unavailable,
        Settled = _settled,
        StaleIndexRows = _stale,
        Deferred = _deferred,
        NotCalled = _notCalled,
        Failed = _failed,
        StoppedProviders = [.. _stopped.Keys.Order(StringComparer.Ordinal)],
        Elapsed = elapsed,
    };
}
