using RenderHooks.Jobs;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// Publishes the event a job's outbox holds, then empties the outbox. A crash in between leaves the event pending,
/// and the next claimant publishes the same bytes with the same <c>eventId</c>: at least once, never a new id.
/// </summary>
internal sealed class EventOutbox(RenderHooksStorage storage, JobStore store, TimeProvider timeProvider)
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
            if (current.IsSettled)
            {
                // Reconciliation's final event is out: nothing is left to check.
                current.NextCheckAt = null;
            }

            if (await store.TryReplaceAsync(current, cancellationToken))
            {
                return eventId;
            }

            current = await store.ReadAsync(job.Provider, job.JobId, cancellationToken);
        }

        // Published; if the outbox could not be emptied the event is published again later, with the same id.
        return eventId;
    }
}
