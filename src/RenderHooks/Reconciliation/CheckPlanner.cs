using Microsoft.Extensions.Options;
using RenderHooks.Jobs;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Reconciliation;

/// <summary>
/// When a job should be checked with its provider: <c>FirstCheckDelay</c> after it becomes known, then at doubling
/// intervals (capped at <c>MaxCheckInterval</c>) while the provider says it is still rendering, until <c>MaxAge</c>.
/// Jobs of a provider whose status API is not configured are not scheduled at all.
/// </summary>
internal sealed class CheckPlanner(IOptions<ReconcileOptions> options, IEnumerable<IProviderStatusClient> statusClients)
{
    private readonly HashSet<string> _reconciled = statusClients.Where(c => c.IsConfigured).Select(c => c.Provider).ToHashSet(StringComparer.Ordinal);

    public bool IsReconciled(string provider) => _reconciled.Contains(provider);

    /// <summary>The first check of a job that just became known (registered or reported), or null when its provider is not reconciled.</summary>
    public DateTimeOffset? FirstCheck(string provider, DateTimeOffset now) =>
        IsReconciled(provider) ? DueIndex.ToIndexPrecision(now + options.Value.FirstCheckDelay) : null;

    /// <summary>The next check of a job the provider says is still rendering, after <paramref name="checks"/> answers; never past its give-up time.</summary>
    public DateTimeOffset NextCheckWhileRendering(JobRecord job, int checks, DateTimeOffset now)
    {
        var settings = options.Value;
        var first = settings.FirstCheckDelay > TimeSpan.Zero ? settings.FirstCheckDelay : TimeSpan.FromSeconds(30);
        var doublings = Math.Clamp(checks - 1, 0, 30);
        var interval = TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Min(doublings, 20)), settings.MaxCheckInterval.Ticks));
        var next = now + interval;
        var giveUp = GiveUpAt(job);
        return DueIndex.ToIndexPrecision(next < giveUp ? next : giveUp);
    }

    /// <summary>When reconciliation stops asking and marks the job abandoned: <c>MaxAge</c> after it became known or was last reported.</summary>
    public DateTimeOffset GiveUpAt(JobRecord job) =>
        (job.ReceivedAt is { } received && received > job.CreatedAt ? received : job.CreatedAt) + options.Value.MaxAge;

    /// <summary>When a job whose new event waits in its outbox is looked at again, should publishing it fail now.</summary>
    public DateTimeOffset OutboxRetry(DateTimeOffset now) => DueIndex.ToIndexPrecision(now + options.Value.CheckClaim);
}
