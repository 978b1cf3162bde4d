using System.Text.Json.Nodes;
using RenderHooks.Events;

namespace RenderHooks.Jobs;

/// <summary>The job record as <c>GET /api/jobs/{provider}/{jobId}</c> returns it. Absent values are omitted.</summary>
public sealed record JobView
{
    public required string Provider { get; init; }

    public required string JobId { get; init; }

    /// <summary><c>completed</c>, <c>failed</c>, or absent while no state has been reported.</summary>
    public string? Status { get; init; }

    /// <summary><c>webhook</c> or <c>reconciliation</c>: who reported the state.</summary>
    public string? Source { get; init; }

    public required bool Verified { get; init; }

    /// <summary>
    /// What the provider's status API said of the state: <c>pending</c> (not yet asked, or still rendering),
    /// <c>verified</c>, <c>corrected</c>, <c>unknown-to-provider</c> or <c>abandoned</c>.
    /// </summary>
    public required string Verification { get; init; }

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

    /// <summary>How many deliveries (webhook requests) reported this job.</summary>
    public required int DeliveryCount { get; init; }

    /// <summary>When the delivery that set the state was received.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When <c>POST /api/jobs</c> registered the job; absent for a job known only from its webhook.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>The provider's own status text in its last answer (<c>rendering</c>, <c>done</c>, …).</summary>
    public string? ProviderStatus { get; init; }

    /// <summary>When the provider's status API last answered for this job.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>How many times the provider's status API has answered for this job.</summary>
    public required int CheckCount { get; init; }

    /// <summary>When reconciliation looks at the job next; absent when it has nothing left to do.</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The last event published for this job.</summary>
    public string? LastEventId { get; init; }

    /// <summary>True while an event is recorded but not yet known to be published.</summary>
    public required bool EventPending { get; init; }
}
