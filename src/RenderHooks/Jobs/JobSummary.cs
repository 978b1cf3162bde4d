namespace RenderHooks.Jobs;

/// <summary>A job as <c>GET /api/jobs?state=…</c> lists it: enough to tell a forged or missed job; the whole record is <c>GET /api/jobs/{provider}/{jobId}</c>.</summary>
public sealed record JobSummary
{
    public required string Provider { get; init; }

    public required string JobId { get; init; }

    /// <summary><c>completed</c>, <c>failed</c>, or absent while no state has been reported.</summary>
    public string? Status { get; init; }

    /// <summary><c>webhook</c> or <c>reconciliation</c>.</summary>
    public string? Source { get; init; }

    /// <summary><c>pending</c>, <c>verified</c>, <c>corrected</c>, <c>unknown-to-provider</c> or <c>abandoned</c>.</summary>
    public required string Verification { get; init; }

    public string? Reference { get; init; }

    /// <summary>The provider's own status text in its last answer.</summary>
    public string? ProviderStatus { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }

    public DateTimeOffset? LastCheckedAt { get; init; }

    public required int CheckCount { get; init; }

    /// <summary>When reconciliation was to look at the job next (in the past, for an overdue job).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    internal static JobSummary From(JobRecord job) => new()
    {
        Provider = job.Provider,
        JobId = job.JobId,
        Status = job.Status?.ToText(),
        Source = job.Source,
        Verification = job.Verification,
        Reference = job.Reference,
        ProviderStatus = job.ProviderState,
        ReceivedAt = job.ReceivedAt,
        RegisteredAt = job.RegisteredAt,
        LastCheckedAt = job.LastCheckedAt,
        CheckCount = job.CheckCount,
        NextCheckAt = job.NextCheckAt,
        UpdatedAt = job.UpdatedAt,
    };
}
