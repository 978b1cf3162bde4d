using RenderHooks.Processing;

namespace RenderHooks.Deliveries;

/// <summary>What the flagged-deliveries index keeps of an archived delivery (<see cref="FlaggedDeliveryIndex"/>).</summary>
internal sealed record FlaggedDelivery(
    ProcessingOutcome Outcome,
    string? Reason,
    string? Provider,
    string? DeliveryId,
    string? JobId,
    DateTimeOffset ReceivedAt,
    string? ContentType,
    int BodyBytes,
    string MessageId,
    long DequeueCount,
    string ArchivePartitionKey,
    string ArchiveRowKey);
