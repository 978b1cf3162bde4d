using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Intake;

/// <summary>Limits and timeouts of the webhook intake (section <c>RenderHooks:Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "RenderHooks:Intake";

    /// <summary>
    /// The largest body accepted, in bytes. The default is the most that always fits one queue message once the
    /// envelope (body as base64, then the message base64-encoded) is built: 64 KiB × 9/16, less the envelope's own fields.
    /// </summary>
    public const int MaxBodyBytesLimit = 35_840;

    /// <inheritdoc cref="MaxBodyBytesLimit"/>
    [Range(1, MaxBodyBytesLimit, ErrorMessage = "{0} must be between {1} and {2} bytes: a larger body cannot fit one queue message.")]
    public int MaxBodyBytes { get; set; } = MaxBodyBytesLimit;

    /// <summary>Seconds sent in <c>Retry-After</c> with a 503 when the queue cannot be written.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Per-attempt timeout of the queue write while the provider waits for the answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of the queue write before answering 503.</summary>
    [Range(0, 5)]
    public int EnqueueRetries { get; set; } = 2;
}
