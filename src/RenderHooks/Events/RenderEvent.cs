using System.Text.Json.Nodes;

namespace RenderHooks.Events;

/// <summary>
/// The normalized event published to the events queue, one JSON object per message, the same shape for every provider.
/// Absent values are omitted from the JSON.
/// </summary>
public sealed record RenderEvent
{
    /// <summary>Stable id of (provider, jobId, status, verified): a redelivered event carries the same id.</summary>
    public required string EventId { get; init; }

    /// <summary><c>render.completed</c> or <c>render.failed</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>phantomflow</c> or <c>json2video</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>PhantomFlow <c>job_id</c> or JSON2Video <c>project</c>.</summary>
    public required string JobId { get; init; }

    /// <summary><c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>webhook</c> or <c>reconciliation</c>.</summary>
    public required string Source { get; init; }

    /// <summary>True once the provider's status API confirmed the state.</summary>
    public required bool Verified { get; init; }

    public string? OutputUrl { get; init; }

    public double? DurationSeconds { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public long? SizeBytes { get; init; }

    public long? CreditsUsed { get; init; }

    public RenderEventError? Error { get; init; }

    public string? MovieId { get; init; }

    public JsonObject? ClientData { get; init; }

    public string? Reference { get; init; }

    /// <summary>When the delivery (or the reconciliation answer) that set this state was received.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}
