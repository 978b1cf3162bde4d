using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Jobs;
using RenderHooks.Server.Management;

namespace RenderHooks.Server.Jobs;

/// <summary>The management routes of jobs, behind the management key.</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").AddEndpointFilter<ManagementKeyFilter>();
        jobs.MapPost("", RegisterAsync).WithName("RegisterJob").DisableAntiforgery();
        jobs.MapGet("/{provider}/{jobId}", GetAsync).WithName("GetJob");
        return api;
    }

    private static async Task<Results<Created<JobView>, Ok<JobView>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, JobRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.RegisterAsync(request.Body, request.ContentType, cancellationToken);
        return result switch
        {
            { HttpStatusCode: StatusCodes.Status201Created, Job: { } job } => TypedResults.Created(result.Location, job),
            { HttpStatusCode: StatusCodes.Status200OK, Job: { } job } => TypedResults.Ok(job),
            _ => TypedResults.Problem(statusCode: result.HttpStatusCode, title: result.Title, detail: result.Detail),
        };
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(
        string provider, string jobId, JobQueries queries, CancellationToken cancellationToken)
    {
        var job = await queries.GetAsync(provider, jobId, cancellationToken);
        return job is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such job.")
            : TypedResults.Ok(job);
    }
}
