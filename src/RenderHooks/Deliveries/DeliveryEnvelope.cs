namespace RenderHooks.Deliveries;

/// <summary>
/// What intake writes to the deliveries queue: the raw payload, byte for byte, with what is known about its arrival.
/// Serialized as JSON (the body as base64), then queue-encoded like every message of the library. A body larger than
/// <see cref="Intake.IntakeOptions.QueueBodyLimit"/> is in a blob of the payloads container instead, named by
/// <see cref="BodyBlob"/>; the message then carries an empty <see cref="Body"/>. An envelope without <see cref="BodyBlob"/>
/// (every one written before payload blobs existed) carries its body itself.
/// </summary>
public sealed record DeliveryEnvelope
{
    /// <summary>The schema version of the envelope.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Unique id of this delivery (one HTTP request), time-ordered.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>Lower-case provider name from the route.</summary>
    public required string Provider { get; init; }

    /// <summary>When intake accepted the request.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The request's Content-Type header as sent.</summary>
    public required string ContentType { get; init; }

    /// <summary>The raw request body; empty when it is in the blob <see cref="BodyBlob"/>.</summary>
    public required byte[] Body { get; init; }

    /// <summary>The blob of the payloads container holding the body (the delivery id), when the body is not in the message.</summary>
    public string? BodyBlob { get; init; }

    /// <summary>The length of the body in <see cref="BodyBlob"/>, in bytes.</summary>
    public int? BodyBytes { get; init; }
}
