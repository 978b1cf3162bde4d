using Microsoft.Extensions.Options;
using RenderHooks.Jobs;

namespace RenderHooks.Reconciliation;

/// <summary>
/// When a job should be checked with its provider: <c>FirstCheckDelay</c> after it becomes known, then at doubling
/// intervals (capped at <c>MaxCheckInterval</c>) while the provider says it is still rendering, until <c>MaxAge</c>.
/// Every job is scheduled, whether or not its provider's status API is configured yet: the rows of a provider that is
/// not reconciled wait in the index, and are checked once it is.
/// </summary>
internal sealed class CheckPlanner(IOptions<ReconcileOptions> options)
{
    private static readonly TimeSpan MinRetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>The first check of a job that just became known (registered or reported).</summary>
    public DateTimeOffset FirstCheck(DateTimeOffset now) => DueIndex.ToIndexPrecision(now + options.Value.FirstCheckDelay);

    /// <summary>The next check of a job the provider says is still rendering, after <paramref name="checks"/> answers; never past its give-up time.</summary>
    public DateTimeOffset NextCheckWhileRendering(JobRecord job, int checks, DateTimeOffset now)
    {
        var settings = options.Value;
        var first = settings.FirstCheckDelay > TimeSpan.Zero ? settings.FirstCheckDelay : TimeSpan.FromSeconds(30);
        var doublings = Math.Clamp(checks - 1, 0, 20);
        var interval = TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << doublings), settings.MaxCheckInterval.Ticks));
        return NotPastGiveUp(job, now + interval);
    }

    /// <summary>The next check of a job whose provider did not answer (after the client's retries).</summary>
    public DateTimeOffset NextCheckAfterFailure(JobRecord job, DateTimeOffset now)
    {
        var wait = options.Value.FirstCheckDelay > MinRetryAfterFailure ? options.Value.FirstCheckDelay : MinRetryAfterFailure;
        return NotPastGiveUp(job, now + wait);
    }

    /// <summary>
    /// When reconciliation stops asking and marks the job abandoned: <c>MaxAge</c> after it became known, or after the
    /// webhook that reported its state, whichever is later.
    /// </summary>
    public DateTimeOffset GiveUpAt(JobRecord job) =>
        (job.ReceivedAt is { } received && received > job.CreatedAt ? received : job.CreatedAt) + options.Value.MaxAge;

    /// <summary>When a job whose new event waits in its outbox is looked at again, should publishing it fail now.</summary>
    public DateTimeOffset OutboxRetry(DateTimeOffset now) => DueIndex.ToIndexPrecision(now + options.Value.CheckClaim);

    private DateTimeOffset NotPastGiveUp(JobRecord job, DateTimeOffset next)
    {
        var giveUp = GiveUpAt(job);
        return DueIndex.ToIndexPrecision(next < giveUp ? next : giveUp);
    }
}
