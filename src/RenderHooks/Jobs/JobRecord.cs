using System.Text.Json.Nodes;
using Azure;
using RenderHooks.Events;
using RenderHooks.Providers;

namespace RenderHooks.Jobs;

/// <summary>
/// One job in the jobs table: its recorded state (first terminal state wins), where that state came from,
/// and the outbox slot holding the event that state must still publish.
/// </summary>
internal sealed class JobRecord
{
    public required string Provider { get; init; }

    public required string JobId { get; init; }

    public RenderStatus? Status { get; set; }

    /// <summary><see cref="JobSources"/>: who reported the recorded state.</summary>
    public string? Source { get; set; }

    /// <summary><see cref="JobVerification"/>: what the provider's status API said of the state.</summary>
    public string Verification { get; set; } = JobVerification.Pending;

    public bool Verified { get; set; }

    public string? OutputUrl { get; set; }

    public double? DurationSeconds { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public long? SizeBytes { get; set; }

    public long? CreditsUsed { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? MovieId { get; set; }

    /// <summary>The client data as compact UTF-8 JSON (at most <see cref="ClientDataJson.MaxBytes"/>).</summary>
    public byte[]? ClientData { get; set; }

    public string? Reference { get; set; }

    /// <summary>The delivery whose report set the current state.</summary>
    public string? RecordedByDeliveryId { get; set; }

    /// <summary>When the delivery that set the current state was received.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Outbox: id of the event recorded with the state and not yet known to be published.</summary>
    public string? PendingEventId { get; set; }

    /// <summary>Outbox: the event's JSON, frozen when the state was recorded.</summary>
    public byte[]? PendingEvent { get; set; }

    /// <summary>Outbox: the delivery (or worker) allowed to publish the pending event until <see cref="PublishLeaseUntil"/>.</summary>
    public string? PublishLeaseOwner { get; set; }

    public DateTimeOffset? PublishLeaseUntil { get; set; }

    public string? LastPublishedEventId { get; set; }

    /// <summary>When <c>POST /api/jobs</c> registered the job; null for a job known only from its webhook.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>When reconciliation should next ask the provider (or publish a pending event); null when nothing is left to do.</summary>
    /// <remarks>Always in whole seconds, and mirrored by a row of the due-date index (<see cref="DueIndex"/>).</remarks>
    public DateTimeOffset? NextCheckAt { get; set; }

    /// <summary>The <see cref="NextCheckAt"/> the stored row has, so a write knows which index row to replace.</summary>
    public DateTimeOffset? StoredNextCheckAt { get; set; }

    /// <summary>When the provider's status API last answered for this job.</summary>
    public DateTimeOffset? LastCheckedAt { get; set; }

    /// <summary>The provider's own status text in its last answer (<c>rendering</c>, <c>done</c>, …).</summary>
    public string? ProviderState { get; set; }

    /// <summary>How many times the provider's status API has answered for this job.</summary>
    public int CheckCount { get; set; }

    /// <summary>The reconciliation run checking this job until <see cref="CheckClaimUntil"/>; other runs leave it alone.</summary>
    public string? CheckClaimOwner { get; set; }

    public DateTimeOffset? CheckClaimUntil { get; set; }

    public DateTimeOffset? LastPublishedAt { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The reported error as events and job views carry it, or null.</summary>
    public RenderEventError? Error => ErrorCode is null && ErrorMessage is null ? null : new RenderEventError(ErrorCode, ErrorMessage);

    /// <summary>The client data as a fresh JSON object, or null.</summary>
    public JsonObject? ParseClientData() => ClientData is null ? null : JsonNode.Parse(ClientData) as JsonObject;

    /// <summary>True when the provider has had its final say and no event waits: reconciliation has nothing left to do.</summary>
    public bool IsSettled => JobVerification.IsFinal(Verification) && PendingEventId is null;

    /// <summary>True when another reconciliation run holds an unexpired claim on this job.</summary>
    public bool IsClaimedByOther(string owner, DateTimeOffset now) =>
        CheckClaimOwner is not null && CheckClaimOwner != owner && CheckClaimUntil is { } until && until > now;

    /// <summary>True when the outbox holds an event that someone may publish now: no lease, an expired one, or our own.</summary>
    public bool CanClaimPublish(string owner, DateTimeOffset now) =>
        PendingEventId is not null && (PublishLeaseOwner is null || PublishLeaseOwner == owner || PublishLeaseUntil is null || PublishLeaseUntil <= now);
}
