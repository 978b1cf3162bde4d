namespace RenderHooks.Intake;

/// <summary>The answer intake gives a webhook, ready for any host to write as an HTTP response.</summary>
public sealed record IntakeResult
{
    public required IntakeStatus Status { get; init; }

    /// <summary>The id of the queued delivery, when <see cref="IntakeStatus.Accepted"/>.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>A short explanation for the caller; never contains the token or the payload.</summary>
    public string? Detail { get; init; }

    /// <summary>When to retry, for <see cref="IntakeStatus.StorageUnavailable"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The HTTP status code of the contract for <see cref="Status"/>.</summary>
    public int HttpStatusCode => Status switch
    {
        IntakeStatus.Accepted => 200,
        IntakeStatus.NotFound => 404,
        IntakeStatus.EmptyBody => 400,
        IntakeStatus.PayloadTooLarge => 413,
        IntakeStatus.UnsupportedMediaType => 415,
        IntakeStatus.StorageUnavailable => 503,
        _ => 500,
    };

    /// <summary>A short title for a problem response.</summary>
    public string Title => Status switch
    {
        IntakeStatus.Accepted => "Accepted",
        IntakeStatus.NotFound => "Not Found",
        IntakeStatus.EmptyBody => "Empty body",
        IntakeStatus.PayloadTooLarge => "Payload too large",
        IntakeStatus.UnsupportedMediaType => "Unsupported media type",
        IntakeStatus.StorageUnavailable => "Storage unavailable",
        _ => "Error",
    };

    internal static IntakeResult Accepted(string deliveryId) => new() { Status = IntakeStatus.Accepted, DeliveryId = deliveryId };

    internal static IntakeResult Refused(IntakeStatus status, string detail) => new() { Status = status, Detail = detail };
}
