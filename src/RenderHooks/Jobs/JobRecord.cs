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

    public DateTimeOffset? LastPublishedAt { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The reported error as events and job views carry it, or null.</summary>
    public RenderEventError? Error => ErrorCode is null && ErrorMessage is null ? null : new RenderEventError(ErrorCode, ErrorMessage);

    /// <summary>The client data as a fresh JSON object, or null.</summary>
    public JsonObject? ParseClientData() => ClientData is null ? null : JsonNode.Parse(ClientData) as JsonObject;

    /// <summary>True when the outbox holds an event that someone may publish now: no lease, an expired one, or our own.</summary>
    public bool CanClaimPublish(string owner, DateTimeOffset now) =>
        PendingEventId is not null && (PublishLeaseOwner is null || PublishLeaseOwner == owner || PublishLeaseUntil is null || PublishLeaseUntil <= now);
}
