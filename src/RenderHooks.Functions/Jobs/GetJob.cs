using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.Jobs;

namespace RenderHooks.Functions.Jobs;

/// <summary><c>GET /api/jobs/{provider}/{jobId}</c> behind a function key. Same mapping as the server's <c>JobEndpoints</c>.</summary>
public sealed class GetJob(JobQueries queries)
{
    [Function(nameof(GetJob))]
    public async Task<Results<Ok<JobView>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{provider}/{jobId}")] HttpRequest request,
        string provider,
        string jobId,
        CancellationToken cancellationToken)
    {
        var job = await queries.GetAsync(provider, jobId, cancellationToken);
        return job is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such job.")
            : TypedResults.Ok(job);
    }
}
