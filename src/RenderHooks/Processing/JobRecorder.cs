using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Reconciliation;

namespace RenderHooks.Processing;

/// <summary>
/// Records a reported state on its job, once, by conditional writes only: an insert that fails with 409 means
/// the job exists, an update that fails with 412 means someone else wrote first — read again and decide again.
/// The state and its event are written together (the outbox), and a publish lease says who may publish it.
/// A new state also schedules the job's check with the provider (the due-date index).
/// </summary>
internal sealed class JobRecorder(
    JobStore store, CheckPlanner planner, IOptions<ProcessingOptions> options, TimeProvider timeProvider, ILogger<JobRecorder> logger)
{
    public async Task<RecordResult> RecordAsync(RenderReport report, DeliveryEnvelope delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        JobRecord? job = null;

        for (var attempt = 0; attempt < settings.MaxWriteAttempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            if (job is null)
            {
                var fresh = new JobRecord { Provider = report.Provider, JobId = report.JobId, CreatedAt = now };
                SetState(fresh, report, delivery, now);
                if (await store.TryInsertAsync(fresh, cancellationToken))
                {
                    return new RecordResult(ProcessingOutcome.Recorded, fresh, MayPublish: true);
                }

                job = await store.ReadAsync(report.Provider, report.JobId, cancellationToken);
                continue;
            }

            if (job.Status is null)
            {
                // Known (registered) but no state yet: this report sets it.
                SetState(job, report, delivery, now);
                if (await store.TryReplaceAsync(job, cancellationToken))
                {
                    return new RecordResult(ProcessingOutcome.Recorded, job, MayPublish: true);
                }

                job = await store.ReadAsync(report.Provider, report.JobId, cancellationToken);
                continue;
            }

            var outcome = job.RecordedByDeliveryId == delivery.DeliveryId ? ProcessingOutcome.Recorded
                : job.Status == report.Status ? ProcessingOutcome.Duplicate
                : ProcessingOutcome.Conflict;

            if (!job.CanClaimPublish(delivery.DeliveryId, now))
            {
                return new RecordResult(outcome, job, MayPublish: false);
            }

            // An event is still pending and its publisher is us, or gone: take the lease and publish it ourselves.
            job.PublishLeaseOwner = delivery.DeliveryId;
            job.PublishLeaseUntil = now + settings.PublishLease;
            if (await store.TryReplaceAsync(job, cancellationToken))
            {
                return new RecordResult(outcome, job, MayPublish: true);
            }

            job = await store.ReadAsync(report.Provider, report.JobId, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Gave up recording {report.Provider} job '{report.JobId}' after {settings.MaxWriteAttempts} conflicting writes; the delivery will be retried.");
    }

    private void SetState(JobRecord job, RenderReport report, DeliveryEnvelope delivery, DateTimeOffset now)
    {
        JobFields.Replace(job, report, out var omitted);
        job.Source = JobSources.Webhook;
        job.Verified = false;
        job.Verification = JobVerification.Pending;
        job.NextCheckAt = planner.FirstCheck(now);
        job.ProviderState = null; // checks of this state start afresh: first after FirstCheckDelay, "not found" asked twice
        job.CheckCount = 0;
        if (omitted)
        {
            ProcessingLog.ClientDataOmitted(logger, delivery.DeliveryId, report.Provider, report.JobId, ClientDataJson.MaxBytes);
        }

        job.RecordedByDeliveryId = delivery.DeliveryId;
        job.ReceivedAt = delivery.ReceivedAt;
        job.UpdatedAt = now;

        var renderEvent = RenderEventFactory.Create(job);
        job.PendingEventId = renderEvent.EventId;
        job.PendingEvent = RenderEventFactory.Serialize(renderEvent);
        job.PublishLeaseOwner = delivery.DeliveryId;
        job.PublishLeaseUntil = now + options.Value.PublishLease;
    }
}
