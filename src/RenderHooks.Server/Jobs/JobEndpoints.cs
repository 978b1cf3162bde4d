using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Jobs;
using RenderHooks.Server.Management;

namespace RenderHooks.Server.Jobs;

/// <summary>The management routes of jobs, behind the management key: register, list by state, read one.</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").AddEndpointFilter<ManagementKeyFilter>();
        jobs.MapPost("", RegisterAsync).WithName("RegisterJob").DisableAntiforgery();
        jobs.MapGet("", ListAsync).WithName("ListJobs");
        // The rest of the path: an id escaped as one segment (reg%2F1) or not (reg/1) reads the same job (JobPaths).
        jobs.MapGet("/{provider}/{*jobId}", GetAsync).WithName("GetJob");
        return api;
    }

    private static async Task<Results<Created<JobView>, Ok<JobView>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, JobRegistry registry, CancellationToken cancellationToken) =>
        (await registry.RegisterAsync(request.Body, request.ContentType, cancellationToken)).ToHttpResult();

    private static Task<Results<Ok<ListAnswer<JobSummary>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, JobListing listing, CancellationToken cancellationToken) =>
        listing.ListFromQueryAsync(request, cancellationToken);

    private static Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(
        string provider, string? jobId, JobQueries queries, CancellationToken cancellationToken) =>
        queries.GetFromRouteAsync(provider, jobId, cancellationToken);
}
