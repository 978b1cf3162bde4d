namespace RenderHooks.Jobs;

/// <summary>
/// The URL of a job's record, <c>/api/jobs/{provider}/{jobId}</c>, both ways. The id is escaped as one path segment
/// (<c>reg/1</c> → <c>reg%2F1</c>); a server decodes every escape but <c>%2F</c> before routing, and the route takes
/// the rest of the path, so the route value is decoded once more, and only once, to give the id back — in both hosts,
/// whichever of <c>reg%2F1</c> or <c>reg/1</c> reaches them. Ids that could not come back whole are refused by
/// <see cref="Providers.JobIdRules"/>: <c>.</c>, <c>..</c>, and ids holding <c>%</c> and two hexadecimal digits.
/// </summary>
public static class JobPaths
{
    /// <summary>Where the record of a job is read.</summary>
    public static string Location(string provider, string jobId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(jobId);
        return $"/api/jobs/{provider}/{Uri.EscapeDataString(jobId)}";
    }

    /// <summary>The job id of a <c>{jobId}</c> route value, as the host's routing gives it.</summary>
    public static string JobIdFromRoute(string? routeValue) => Uri.UnescapeDataString(routeValue ?? string.Empty);
}
