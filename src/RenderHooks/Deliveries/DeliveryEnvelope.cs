namespace RenderHooks.Deliveries;

/// <summary>
/// What intake writes to the deliveries queue: the raw payload, byte for byte, with what is known about its arrival.
/// Serialized as JSON (the body as base64), then queue-encoded like every message of the library.
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

    /// <summary>The raw request body.</summary>
    public required byte[] Body { get; init; }
}
