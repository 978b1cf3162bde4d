using System.Text.Json.Nodes;

namespace RenderHooks.Providers;

/// <summary>A provider's webhook, normalized to one shape for both providers.</summary>
public sealed record RenderReport
{
    /// <summary>A <see cref="ProviderNames"/> constant.</summary>
    public required string Provider { get; init; }

    /// <summary>PhantomFlow <c>job_id</c> or JSON2Video <c>project</c>.</summary>
    public required string JobId { get; init; }

    public required RenderStatus Status { get; init; }

    public string? OutputUrl { get; init; }

    public double? DurationSeconds { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public long? SizeBytes { get; init; }

    public long? CreditsUsed { get; init; }

    public RenderError? Error { get; init; }

    /// <summary>JSON2Video <c>id</c>: the caller's movie id.</summary>
    public string? MovieId { get; init; }

    /// <summary>JSON2Video <c>client-data</c> (or <c>client_data</c>).</summary>
    public JsonObject? ClientData { get; init; }
}
