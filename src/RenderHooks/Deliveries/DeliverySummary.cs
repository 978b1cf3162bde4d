namespace RenderHooks.Deliveries;

/// <summary>
/// A flagged delivery as <c>GET /api/deliveries</c> lists it: what happened and why, never the body. The archived row
/// (body included) is <see cref="ArchivePartitionKey"/> / <see cref="ArchiveRowKey"/> in the deliveries table.
/// </summary>
public sealed record DeliverySummary
{
    /// <summary>Absent for a queue message that was not a delivery (outcome <c>unreadable</c>).</summary>
    public string? DeliveryId { get; init; }

    /// <summary><c>recorded</c>, <c>duplicate</c> (both only with a note), <c>conflict</c>, <c>unparseable</c>, <c>unreadable</c> or <c>rejected</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Why: the parser's, storage's or processing's own words (cut at 2,048 characters).</summary>
    public string? Reason { get; init; }

    public string? Provider { get; init; }

    /// <summary>The job it reported, when the payload named one that could be read.</summary>
    public string? JobId { get; init; }

    /// <summary>When intake accepted it; for an unreadable message, when processing found it unreadable.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The size of the body as received (of the whole message, for an unreadable one).</summary>
    public int? BodyBytes { get; init; }

    public string? MessageId { get; init; }

    /// <summary>How many times the queue had handed the message out when it was archived.</summary>
    public long? DequeueCount { get; init; }

    public string? ArchivePartitionKey { get; init; }

    public string? ArchiveRowKey { get; init; }
}
