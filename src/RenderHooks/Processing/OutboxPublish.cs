namespace RenderHooks.Processing;

/// <summary>What <see cref="EventOutbox.PublishPendingAsync"/> did: the event it sent, and whether the outbox was emptied after.</summary>
/// <param name="EventId">The id of the event sent, or null when nothing was pending.</param>
/// <param name="Cleared">False when the event was sent but is still pending on the job (it will be sent again, with the same id).</param>
internal sealed record OutboxPublish(string? EventId, bool Cleared);
