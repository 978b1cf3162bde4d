using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Jobs;

namespace RenderHooks.Functions.Jobs;

/// <summary>
/// <c>POST /api/jobs</c> behind a function key: registers a submitted job. <c>201</c> with <c>Location</c>, <c>200</c> if
/// already registered, a problem (400, 413, 415) when refused, each as the registry decided.
/// </summary>
public sealed class RegisterJob(JobRegistry registry)
{
    [Function(nameof(RegisterJob))]
    public async Task<Results<Created<JobView>, Ok<JobView>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await registry.RegisterAsync(request.Body, request.ContentType, cancellationToken)).ToHttpResult();
}
