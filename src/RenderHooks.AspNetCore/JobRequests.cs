using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Jobs;

namespace RenderHooks.AspNetCore;

/// <summary><c>GET /api/jobs/{provider}/{jobId}</c> in both hosts: the route value decoded once (<see cref="JobPaths"/>), then the record or 404.</summary>
public static class JobRequests
{
    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetFromRouteAsync(
        this JobQueries queries, string? provider, string? jobIdRouteValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return (await queries.GetAsync(provider, JobPaths.JobIdFromRoute(jobIdRouteValue), cancellationToken)).ToHttpResult();
    }
}
