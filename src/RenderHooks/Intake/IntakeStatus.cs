namespace RenderHooks.Intake;

/// <summary>What intake did with a webhook; each maps to one HTTP status of the contract.</summary>
public enum IntakeStatus
{
    /// <summary>200: the delivery is in the queue.</summary>
    Accepted,

    /// <summary>404: unknown provider or token, or a source address outside the provider's allowed ranges (one answer for all three, nothing stored).</summary>
    NotFound,

    /// <summary>400: the body is empty.</summary>
    EmptyBody,

    /// <summary>413: the body is over the size limit.</summary>
    PayloadTooLarge,

    /// <summary>415: a media type or charset the provider does not send.</summary>
    UnsupportedMediaType,

    /// <summary>503 with Retry-After: the queue could not be written, so the caller must retry.</summary>
    StorageUnavailable,
}
