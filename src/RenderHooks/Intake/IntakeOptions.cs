using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Intake;

/// <summary>Limits and timeouts of the webhook intake (section <c>RenderHooks:Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "RenderHooks:Intake";

    /// <summary>
    /// The largest body that goes in the queue message itself: the most that always fits one queue message once the
    /// envelope (body as base64, then the message base64-encoded) is built, 64 KiB × 9/16 less the envelope's own fields.
    /// A larger body goes to a blob of the payloads container, and the message references it.
    /// </summary>
    public const int QueueBodyLimit = 35_840;

    /// <summary>The default of <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1_048_576;

    /// <summary>
    /// The highest <see cref="MaxBodyBytes"/> may be set: 10 MiB (Hookdeck's limit). Intake holds a body in memory while
    /// it writes it, and processing reads it whole, so this bounds what one request can cost; both hosts' own request
    /// limits are above it (Kestrel's 30,000,000 bytes by default, the Functions host's 100 MiB).
    /// </summary>
    public const int MaxBodyBytesUpperBound = 10 * 1_048_576;

    /// <summary>The largest body accepted, in bytes; a larger one is answered 413 and not stored.</summary>
    [Range(1, MaxBodyBytesUpperBound, ErrorMessage = "{0} must be between {1} and {2} bytes (10 MiB).")]
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Seconds sent in <c>Retry-After</c> with a 503 when the queue or the payload blob cannot be written.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Per-attempt timeout of the queue (and payload blob) write while the provider waits for the answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of the queue (and payload blob) write before answering 503.</summary>
    [Range(0, 5)]
    public int EnqueueRetries { get; set; } = 2;
}
