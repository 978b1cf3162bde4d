using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Jobs;

namespace RenderHooks.Functions.Jobs;

/// <summary>
/// <c>GET /api/jobs/{provider}/{jobId}</c> behind a function key: the job record, or 404. The id is the rest of the path,
/// decoded once as the server decodes it (<c>JobPaths</c>), so <c>Location</c> of a registration reads the same job here.
/// </summary>
public sealed class GetJob(JobQueries queries)
{
    [Function(nameof(GetJob))]
    public Task<Results<Ok<JobView>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{provider}/{*jobId}")] HttpRequest request,
        string provider,
        string? jobId,
        CancellationToken cancellationToken) =>
        queries.GetFromRouteAsync(provider, jobId, cancellationToken);
}
