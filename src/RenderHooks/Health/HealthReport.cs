using System.Text.Json.Serialization;
using RenderHooks.Reconciliation;

namespace RenderHooks.Health;

/// <summary>
/// What <c>GET /api/health/details</c> reports, behind the management key: whether queue, table and blob storage answer (and
/// storage's error when not), and the backlog. The open <c>GET /api/health</c> answers only its <see cref="Status"/>.
/// </summary>
public sealed record HealthReport
{
    /// <summary><c>healthy</c> or <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>ok</c>, or why the queue service did not answer.</summary>
    public required string Queues { get; init; }

    /// <summary><c>ok</c>, or why the table service did not answer.</summary>
    public required string Tables { get; init; }

    /// <summary><c>ok</c>, or why the blob service did not answer for the payloads container (a missing container answers 404).</summary>
    public required string Blobs { get; init; }

    /// <summary>Approximate number of deliveries waiting to be processed.</summary>
    public int? DeliveriesWaiting { get; init; }

    /// <summary>Approximate number of deliveries that failed five times and wait in the poison queue.</summary>
    public int? PoisonMessages { get; init; }

    /// <summary>Per provider, whether reconciliation is on, and if not which settings turn it on (names only).</summary>
    public IReadOnlyDictionary<string, ProviderReconciliation>? Reconciliation { get; init; }

    [JsonIgnore]
    public bool IsHealthy => Status == "healthy";

    /// <summary>What anyone may know: the status alone.</summary>
    public HealthSummary ToSummary() => new(Status);
}
