using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Jobs;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Storage;

namespace RenderHooks.Reconciliation;

/// <summary>
/// Step 3 of the pipeline, on a schedule: for each provider whose status API is configured, reads the jobs due by now
/// from the due-date index (never a scan of all jobs) and checks each with the provider — at most
/// <c>MaxStatusCallsPerRun</c> calls per provider, <c>MaxConcurrentChecks</c> at a time, for at most
/// <c>MaxRunDuration</c>; a provider that throttles, refuses the key or leaves <c>MaxConsecutiveUnavailable</c> checks
/// in a row unanswered is not called again in the run. Runs may overlap, on one
/// instance or many: claims and outbox leases are conditional writes, so a job is checked and published once.
/// </summary>
public sealed class Reconciler
{
    private readonly DueIndex _dueIndex;
    private readonly JobChecker _checker;
    private readonly IReadOnlyList<IProviderStatusClient> _clients;
    private readonly IOptions<ReconcileOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<Reconciler> _logger;
    private readonly ProviderBackoff _backoff = new();

    /// <summary>How long checks under way may run on after <c>MaxRunDuration</c> before they are cut off.</summary>
    private static readonly TimeSpan CheckGrace = TimeSpan.FromSeconds(30);

    internal Reconciler(
        DueIndex dueIndex,
        JobChecker checker,
        IEnumerable<IProviderStatusClient> clients,
        IOptions<ReconcileOptions> options,
        TimeProvider timeProvider,
        ILogger<Reconciler> logger)
    {
        _dueIndex = dueIndex;
        _checker = checker;
        _clients = [.. clients];
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Runs once. Throws only when <paramref name="cancellationToken"/> is cancelled; storage failures end a provider's part early and are counted.</summary>
    public async Task<ReconcileRunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = _timeProvider.GetTimestamp();
        var runId = "reconcile-" + Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("N");
        var counters = new ReconcileCounters();
        var now = _timeProvider.GetUtcNow();
        var clients = new List<IProviderStatusClient>();
        foreach (var client in _clients.Where(c => c.IsConfigured))
        {
            if (_backoff.IsWaiting(client.Provider, now, out var notBefore))
            {
                ReconcileLog.BackingOff(_logger, client.Provider, notBefore);
                counters.StoppedProvider(client.Provider);
            }
            else
            {
                clients.Add(client);
            }
        }

        await Task.WhenAll(clients.Select(client => RunProviderAsync(
            new CheckRun(runId, client, new StatusCallBudget(_options.Value.MaxStatusCallsPerRun), counters, _backoff), cancellationToken)));

        var summary = counters.ToSummary(runId, [.. clients.Select(c => c.Provider)], _timeProvider.GetElapsedTime(started));
        if (summary.IndexRowsRead == 0 && summary.Failed == 0 && summary.StoppedProviders.Count == 0)
        {
            ReconcileLog.NothingDue(_logger, summary.RunId, summary.Providers.Count);
            return summary;
        }

        ReconcileLog.RunCompleted(
            _logger, summary.RunId, summary.IndexRowsRead, summary.JobsRead, summary.StatusCalls, summary.Verified, summary.Corrected,
            summary.Recovered, summary.UnknownToProvider, summary.Abandoned, summary.StillRendering, summary.ProviderUnavailable,
            summary.EventsPublished, summary.Deferred, summary.NotCalled, summary.Failed, (long)summary.Elapsed.TotalMilliseconds);
        return summary;
    }

    private async Task RunProviderAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var provider = run.Client.Provider;

        // No new check starts after MaxRunDuration; checks under way get CheckGrace more, then are cut off (their
        // claims expire and their jobs stay due), so a run ends inside the Functions timeout.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(settings.MaxRunDuration);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.MaxRunDuration + CheckGrace);

        var due = _dueIndex.ReadDueAsync(provider, _timeProvider.GetUtcNow(), Math.Min(settings.MaxStatusCallsPerRun, 1000), stop.Token);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentChecks, CancellationToken = stop.Token };
        var unansweredInARow = 0;

        try
        {
            await Parallel.ForEachAsync(due, parallel, async (entry, _) =>
            {
                run.Counters.IndexRowRead();
                CheckOutcome outcome;
                try
                {
                    outcome = await _checker.CheckAsync(entry, run, deadline.Token);
                }
                catch (Exception e) when (StorageErrors.IsStorageFailure(e, deadline.Token))
                {
                    ReconcileLog.CheckFailed(_logger, e, provider, entry.JobId);
                    outcome = CheckOutcome.Failed;
                }

                run.Counters.Count(outcome);
                if (outcome is CheckOutcome.Throttled or CheckOutcome.Unauthorized || CountsAsProviderDown(outcome, ref unansweredInARow, settings))
                {
                    run.Counters.StoppedProvider(provider);
                    await stop.CancelAsync();
                }
                else if (outcome is CheckOutcome.BudgetSpent or CheckOutcome.Failed)
                {
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped early on purpose, or out of time; the jobs not reached stay due.
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            // Reading the index failed; nothing more of this provider is checked this run.
            ReconcileLog.CheckFailed(_logger, e, provider, "(due-date index)");
            run.Counters.Count(CheckOutcome.Failed);
        }
    }

    /// <summary>Counts unanswered checks in a row; an answer of any kind resets the count, outcomes without a call leave it.</summary>
    private static bool CountsAsProviderDown(CheckOutcome outcome, ref int unansweredInARow, ReconcileOptions settings)
    {
        switch (outcome)
        {
            case CheckOutcome.ProviderUnavailable:
                return Interlocked.Increment(ref unansweredInARow) >= settings.MaxConsecutiveUnavailable;
            case CheckOutcome.Verified or CheckOutcome.Corrected or CheckOutcome.Recovered or CheckOutcome.StillRendering
                or CheckOutcome.NotFoundOnce or CheckOutcome.UnknownToProvider:
                Interlocked.Exchange(ref unansweredInARow, 0);
                return false;
            default:
                return false;
        }
    }
}
