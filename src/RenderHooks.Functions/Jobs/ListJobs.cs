using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Jobs;

namespace RenderHooks.Functions.Jobs;

/// <summary>
/// <c>GET /api/jobs?state=…</c> behind a function key: jobs unknown to their provider, or overdue for reconciliation, a
/// page at a time. The same route as <c>RegisterJob</c> with another method, which the Functions host allows.
/// </summary>
public sealed class ListJobs(JobListing listing)
{
    [Function(nameof(ListJobs))]
    public Task<Results<Ok<ListAnswer<JobSummary>>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs")] HttpRequest request,
        CancellationToken cancellationToken) =>
        listing.ListFromQueryAsync(request, cancellationToken);
}
