using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// Records a reported state on its job, once, by conditional writes only: an insert that fails with 409 means
/// the job exists, an update that fails with 412 means someone else wrote first — read again and decide again.
/// The state and its event are written together (the outbox), and a publish lease says who may publish it.
/// </summary>
internal sealed class JobRecorder(RenderHooksStorage storage, IOptions<ProcessingOptions> options, TimeProvider timeProvider, ILogger<JobRecorder> logger)
{
    public async Task<RecordResult> RecordAsync(RenderReport report, DeliveryEnvelope delivery, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = JobKeys.Job(report.Provider, report.JobId);
        var settings = options.Value;
        JobRecord? job = null;

        for (var attempt = 0; attempt < settings.MaxWriteAttempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            if (job is null)
            {
                var fresh = new JobRecord { Provider = report.Provider, JobId = report.JobId, CreatedAt = now };
                SetState(fresh, report, delivery, now);
                try
                {
                    fresh.ETag = await storage.JobsTable.AddEntityAsync(JobEntityMapper.ToEntity(fresh), cancellationToken);
                    return new RecordResult(ProcessingOutcome.Recorded, fresh, MayPublish: true);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    job = await ReadAsync(partitionKey, rowKey, cancellationToken);
                    continue;
                }
            }

            if (job.Status is null)
            {
                // Known (registered) but no state yet: this report sets it.
                SetState(job, report, delivery, now);
                if (await TryReplaceAsync(job, cancellationToken))
                {
                    return new RecordResult(ProcessingOutcome.Recorded, job, MayPublish: true);
                }

                job = await ReadAsync(partitionKey, rowKey, cancellationToken);
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
            if (await TryReplaceAsync(job, cancellationToken))
            {
                return new RecordResult(outcome, job, MayPublish: true);
            }

            job = await ReadAsync(partitionKey, rowKey, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Gave up recording {report.Provider} job '{report.JobId}' after {settings.MaxWriteAttempts} conflicting writes; the delivery will be retried.");
    }

    private async Task<JobRecord?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var entity = await storage.JobsTable.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
        return entity is null ? null : JobEntityMapper.FromEntity(entity);
    }

    private async Task<bool> TryReplaceAsync(JobRecord job, CancellationToken cancellationToken)
    {
        try
        {
            job.ETag = await storage.JobsTable.UpdateEntityAsync(JobEntityMapper.ToEntity(job), job.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private void SetState(JobRecord job, RenderReport report, DeliveryEnvelope delivery, DateTimeOffset now)
    {
        job.Status = report.Status;
        job.Source = JobSources.Webhook;
        job.Verified = false;
        job.OutputUrl = report.OutputUrl;
        job.DurationSeconds = report.DurationSeconds;
        job.Width = report.Width;
        job.Height = report.Height;
        job.SizeBytes = report.SizeBytes;
        job.CreditsUsed = report.CreditsUsed;
        job.ErrorCode = report.Error?.Code;
        job.ErrorMessage = report.Error?.Message;
        job.MovieId = report.MovieId;
        job.ClientData = ClientDataJson.ToUtf8(report.ClientData, out var omitted);
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
