namespace RenderHooks.Jobs;

/// <summary>The answer to <c>POST /api/jobs</c>, ready for any host to write as an HTTP response.</summary>
public sealed record JobRegistrationResult
{
    /// <summary>201 registered, 200 already known, 400/413/415 refused, 503 storage unavailable.</summary>
    public required int HttpStatusCode { get; init; }

    /// <summary>The job record, on 200 and 201.</summary>
    public JobView? Job { get; init; }

    /// <summary>A short title for a problem response.</summary>
    public required string Title { get; init; }

    /// <summary>What was wrong, for a problem response; never a secret.</summary>
    public string? Detail { get; init; }

    /// <summary>Where the job record is read (<c>/api/jobs/{provider}/{jobId}</c>), on 201.</summary>
    public string? Location { get; init; }

    internal static JobRegistrationResult Refused(int status, string title, string detail) =>
        new() { HttpStatusCode = status, Title = title, Detail = detail };
}
