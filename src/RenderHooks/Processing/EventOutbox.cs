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
    public async Task<OutboxPublish> PublishPendingAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (job.PendingEventId is not { } eventId || job.PendingEvent is not { } payload)
        {
            return new OutboxPublish(null, Cleared: true);
        }

        await storage.EventsQueue.SendMessageAsync(BinaryData.FromBytes(payload), timeToLive: RenderHooksStorage.NeverExpires, cancellationToken: cancellationToken)
            .NameFailures(storage.EventsQueue);

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
                return new OutboxPublish(eventId, Cleared: true);
            }

            current = await store.ReadAsync(job.Provider, job.JobId, cancellationToken);
        }

        // Published. Someone else emptied or replaced the outbox (cleared), or it could not be emptied: then the event
        // is published again later, with the same id.
        return new OutboxPublish(eventId, Cleared: current?.PendingEventId != eventId);
    }
}
