using Azure;
using RenderHooks.Jobs;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// Publishes the event a job's outbox holds, then empties the outbox. A crash in between leaves the event pending,
/// and the next claimant publishes the same bytes with the same <c>eventId</c>: at least once, never a new id.
/// </summary>
internal sealed class EventOutbox(RenderHooksStorage storage, TimeProvider timeProvider)
{
    private const int MaxClearAttempts = 10;

    /// <summary>Publishes <paramref name="job"/>'s pending event; the caller holds the publish lease.</summary>
    /// <returns>The id of the published event, or null when nothing was pending.</returns>
    public async Task<string?> PublishPendingAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (job.PendingEventId is not { } eventId || job.PendingEvent is not { } payload)
        {
            return null;
        }

        await storage.EventsQueue.SendMessageAsync(BinaryData.FromBytes(payload), timeToLive: StorageQueueClient.InfiniteTimeToLive, cancellationToken: cancellationToken);

        var current = job;
        for (var attempt = 0; attempt < MaxClearAttempts && current?.PendingEventId == eventId; attempt++)
        {
            current.PendingEventId = null;
            current.PendingEvent = null;
            current.PublishLeaseOwner = null;
            current.PublishLeaseUntil = null;
            current.LastPublishedEventId = eventId;
            current.LastPublishedAt = timeProvider.GetUtcNow();
            try
            {
                current.ETag = await storage.JobsTable.UpdateEntityAsync(JobEntityMapper.ToEntity(current), current.ETag, TableUpdateMode.Replace, cancellationToken);
                return eventId;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);
                var entity = await storage.JobsTable.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
                current = entity is null ? null : JobEntityMapper.FromEntity(entity);
            }
        }

        // Published; if the outbox could not be emptied the event is published again later, with the same id.
        return eventId;
    }
}
