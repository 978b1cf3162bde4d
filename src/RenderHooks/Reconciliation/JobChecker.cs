using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Storage;

namespace RenderHooks.Reconciliation;

/// <summary>
/// Checks one due job with its provider. Every write is conditional on the ETag just read, and a lost write means
/// read again and decide again — with the provider's answer already in hand, never a second call. Before calling,
/// the run claims the job (a conditional write of <c>CheckClaimOwner</c>), so runs on other instances skip it; a
/// claim that outlives its run expires after <c>CheckClaim</c>. Events go through the job's outbox like a delivery's.
/// </summary>
internal sealed class JobChecker(
    JobStore store,
    DueIndex dueIndex,
    EventOutbox outbox,
    CheckPlanner planner,
    IOptions<ReconcileOptions> options,
    IOptions<ProcessingOptions> processing,
    TimeProvider timeProvider,
    ILogger<JobChecker> logger)
{
    /// <summary>The provider's state text recorded when it first says it does not know a job; a second such answer settles it.</summary>
    public const string NotFoundState = "not-found";

    /// <summary>
    /// How old an index row that does not match its job must be before it is removed: rows are written before the job,
    /// so a young one may belong to a write still on its way (with the storage client's retries, minutes at worst).
    /// </summary>
    private static readonly TimeSpan StaleRowGrace = TimeSpan.FromMinutes(10);

    public async Task<CheckOutcome> CheckAsync(DueEntry entry, CheckRun run, CancellationToken cancellationToken)
    {
        var job = await ReadAsync(entry, run, cancellationToken);
        if (job is null || job.StoredNextCheckAt != entry.DueAt)
        {
            if (entry.DueAt > timeProvider.GetUtcNow() - StaleRowGrace)
            {
                return CheckOutcome.Deferred; // perhaps a write on its way; looked at again by a later run
            }

            // The job's current due time has a row of its own (written before the job changed): this one is left over.
            await dueIndex.RemoveAsync(entry, cancellationToken);
            ReconcileLog.StaleIndexRow(logger, entry.Provider, entry.JobId);
            return CheckOutcome.StaleIndexRow;
        }

        ProviderStatus? answer = null;
        for (var attempt = 0; attempt < processing.Value.MaxWriteAttempts && job is not null; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            if (job.NextCheckAt is not { } due || due > now)
            {
                return CheckOutcome.Settled; // someone else settled or rescheduled it since the index was read
            }

            if (job.IsClaimedByOther(run.RunId, now))
            {
                return CheckOutcome.Deferred;
            }

            if (answer is null)
            {
                var step = await PrepareAsync(job, run, now, cancellationToken);
                if (step.Outcome is { } done)
                {
                    return done;
                }

                if (step.Answer is null)
                {
                    job = await ReadAsync(entry, run, cancellationToken);
                    continue;
                }

                answer = step.Answer;
                job = step.Job;
            }
            else if (JobVerification.IsFinal(job.Verification) || job.PendingEventId is not null)
            {
                // Settled meanwhile, or a delivery recorded a state whose event is not out yet: that event goes first,
                // on a later run, and this answer is not applied over it.
                return CheckOutcome.Deferred;
            }

            var recordedBefore = job.Status;
            var outcome = Apply(job, answer, timeProvider.GetUtcNow(), run.RunId);
            if (!await store.TryReplaceAsync(job, cancellationToken))
            {
                job = await ReadAsync(entry, run, cancellationToken);
                continue;
            }

            LogOutcome(outcome, job, recordedBefore, answer);
            await PublishAsync(job, run, cancellationToken);
            return outcome; // recorded; an event that could not be published now is sent by a later run (OutboxRetry)
        }

        return CheckOutcome.Deferred;
    }

    /// <summary>
    /// Everything before the provider's answer: publish a pending event, settle, give up, or claim and call.
    /// Returns an outcome when the check is over, an answer to apply, or neither when a write was lost (read again).
    /// </summary>
    private async Task<(CheckOutcome? Outcome, ProviderStatus? Answer, JobRecord Job)> PrepareAsync(
        JobRecord job, CheckRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.PendingEventId is not null)
        {
            // An event waits in the outbox (its delivery failed, or a publish was cut short): send it first.
            if (!job.CanClaimPublish(run.RunId, now))
            {
                return (CheckOutcome.Deferred, null, job);
            }

            job.PublishLeaseOwner = run.RunId;
            job.PublishLeaseUntil = now + processing.Value.PublishLease;
            if (await store.TryReplaceAsync(job, cancellationToken) && !await PublishAsync(job, run, cancellationToken))
            {
                return (CheckOutcome.Deferred, null, job); // sent, but still pending: a later run tries again
            }

            return (null, null, job);
        }

        if (job.IsSettled)
        {
            ReleaseClaim(job);
            job.NextCheckAt = null;
            return (await store.TryReplaceAsync(job, cancellationToken) ? CheckOutcome.Settled : null, null, job);
        }

        if (now >= planner.GiveUpAt(job) + options.Value.MaxCheckInterval)
        {
            // Long past its time (a backlog from before the provider was configured): no call is worth making.
            return (await TryAbandonAsync(job, now, cancellationToken) ? CheckOutcome.Abandoned : null, null, job);
        }

        if (!run.Budget.TryTake())
        {
            return (CheckOutcome.BudgetSpent, null, job);
        }

        job.CheckClaimOwner = run.RunId;
        job.CheckClaimUntil = now + options.Value.CheckClaim;
        if (!await store.TryReplaceAsync(job, cancellationToken))
        {
            run.Budget.Return();
            return (null, null, job);
        }

        var answer = await run.Client.GetStatusAsync(job.JobId, cancellationToken);
        run.Counters.StatusCalled();
        switch (answer.Kind)
        {
            case ProviderStatusKind.Throttled:
                ReconcileLog.Throttled(logger, job.Provider, answer.RetryAfter);
                run.Backoff.Throttled(job.Provider, answer.RetryAfter, timeProvider.GetUtcNow());
                return (CheckOutcome.Throttled, null, job);
            case ProviderStatusKind.Unauthorized:
                ReconcileLog.Unauthorized(logger, job.Provider);
                return (CheckOutcome.Unauthorized, null, job);
            case ProviderStatusKind.Unavailable:
                ReconcileLog.Unavailable(logger, job.Provider, job.JobId, answer.Reason);
                return (null, answer, job);
            case ProviderStatusKind.Terminal when answer.Report is null:
                ReconcileLog.Unavailable(logger, job.Provider, job.JobId, "a terminal answer without its fields");
                return (null, answer with { Kind = ProviderStatusKind.Unavailable }, job);
            default:
                return (null, answer, job);
        }
    }

    /// <summary>Writes the provider's answer onto the job; the caller saves it conditionally.</summary>
    private CheckOutcome Apply(JobRecord job, ProviderStatus answer, DateTimeOffset now, string runId)
    {
        ReleaseClaim(job);
        job.UpdatedAt = now;
        var pastGiveUp = now >= planner.GiveUpAt(job);

        if (answer.Kind == ProviderStatusKind.Unavailable)
        {
            // No answer: the job moves back in the index, so jobs behind it get their turn in the next run.
            if (pastGiveUp)
            {
                Abandon(job);
                return CheckOutcome.Abandoned;
            }

            job.NextCheckAt = planner.NextCheckAfterFailure(job, now);
            return CheckOutcome.ProviderUnavailable;
        }

        job.LastCheckedAt = now;
        job.CheckCount++;
        var previousState = job.ProviderState;
        job.ProviderState = answer.Kind == ProviderStatusKind.Unknown ? NotFoundState : answer.ProviderState;

        switch (answer.Kind)
        {
            case ProviderStatusKind.InProgress:
            case ProviderStatusKind.Unknown when previousState != NotFoundState:
                // Still rendering; or not found once, which may be the provider catching up: asked again later.
                if (pastGiveUp)
                {
                    Abandon(job);
                    return CheckOutcome.Abandoned;
                }

                job.NextCheckAt = planner.NextCheckWhileRendering(job, job.CheckCount, now);
                return answer.Kind == ProviderStatusKind.InProgress ? CheckOutcome.StillRendering : CheckOutcome.NotFoundOnce;

            case ProviderStatusKind.Unknown:
                job.Verification = JobVerification.UnknownToProvider;
                job.Verified = false;
                job.NextCheckAt = null;
                return CheckOutcome.UnknownToProvider;

            default:
                var report = answer.Report!;
                var outcome = job.Status is null ? CheckOutcome.Recovered
                    : JobFields.Confirms(job, report) ? CheckOutcome.Verified
                    : CheckOutcome.Corrected;

                JobFields.ReplaceWithProviderAnswer(job, report);
                job.Verified = true;
                job.Verification = outcome == CheckOutcome.Corrected ? JobVerification.Corrected : JobVerification.Verified;
                if (outcome != CheckOutcome.Verified)
                {
                    job.Source = JobSources.Reconciliation;
                    job.ReceivedAt = now;
                    job.RecordedByDeliveryId = null;
                }

                var renderEvent = RenderEventFactory.Create(job);
                job.PendingEventId = renderEvent.EventId;
                job.PendingEvent = RenderEventFactory.Serialize(renderEvent);
                job.PublishLeaseOwner = runId;
                job.PublishLeaseUntil = now + processing.Value.PublishLease;

                // Due again only if publishing fails now; the outbox clears the schedule once the event is out.
                job.NextCheckAt = planner.OutboxRetry(now);
                return outcome;
        }
    }

    private async Task<bool> TryAbandonAsync(JobRecord job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReleaseClaim(job);
        job.UpdatedAt = now;
        Abandon(job);
        if (!await store.TryReplaceAsync(job, cancellationToken))
        {
            return false;
        }

        ReconcileLog.Abandoned(logger, job.Provider, job.JobId, options.Value.MaxAge);
        return true;
    }

    private static void Abandon(JobRecord job)
    {
        job.Verification = JobVerification.Abandoned;
        job.Verified = false;
        job.NextCheckAt = null;
    }

    /// <summary>Publishes the job's pending event. False when it stays pending: the send or the outbox clear failed.</summary>
    private async Task<bool> PublishAsync(JobRecord job, CheckRun run, CancellationToken cancellationToken)
    {
        var status = job.Status;
        var verified = job.Verified;
        var pending = job.PendingEventId;
        try
        {
            var published = await outbox.PublishPendingAsync(job, cancellationToken);
            if (published.EventId is { } eventId)
            {
                run.Counters.Published();
                ReconcileLog.Published(logger, eventId, status?.ToText() ?? "none", verified, job.Provider, job.JobId);
            }

            return published.Cleared;
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            ReconcileLog.PublishFailed(logger, e, pending, job.Provider, job.JobId);
            return false;
        }
    }

    private void LogOutcome(CheckOutcome outcome, JobRecord job, RenderStatus? recordedBefore, ProviderStatus answer)
    {
        var status = job.Status?.ToText() ?? "none";
        switch (outcome)
        {
            case CheckOutcome.Verified: ReconcileLog.Verified(logger, job.Provider, job.JobId, status); break;
            case CheckOutcome.Corrected:
                ReconcileLog.Corrected(logger, job.Provider, job.JobId, recordedBefore?.ToText() ?? "none", status);
                break;
            case CheckOutcome.Recovered: ReconcileLog.Recovered(logger, job.Provider, job.JobId, status); break;
            case CheckOutcome.UnknownToProvider: ReconcileLog.UnknownToProvider(logger, job.Provider, job.JobId); break;
            case CheckOutcome.NotFoundOnce: ReconcileLog.NotFoundOnce(logger, job.Provider, job.JobId, answer.Reason, job.NextCheckAt); break;
            case CheckOutcome.Abandoned: ReconcileLog.Abandoned(logger, job.Provider, job.JobId, options.Value.MaxAge); break;
            case CheckOutcome.StillRendering: ReconcileLog.StillRendering(logger, job.Provider, job.JobId, job.ProviderState, job.NextCheckAt); break;
            default: break;
        }
    }

    private async Task<JobRecord?> ReadAsync(DueEntry entry, CheckRun run, CancellationToken cancellationToken)
    {
        run.Counters.JobRead();
        return await store.ReadAsync(entry.Provider, entry.JobId, cancellationToken);
    }

    private static void ReleaseClaim(JobRecord job)
    {
        job.CheckClaimOwner = null;
        job.CheckClaimUntil = null;
    }
}
