using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Jobs;

namespace RenderHooks.AspNetCore;

/// <summary>The answers of the job routes: the record or 404, and a registration's 201 / 200 / problem.</summary>
public static class JobHttpResults
{
    public static Results<Ok<JobView>, ProblemHttpResult> ToHttpResult(this JobView? job) =>
        job is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such job.")
            : TypedResults.Ok(job);

    public static Results<Created<JobView>, Ok<JobView>, ProblemHttpResult> ToHttpResult(this JobRegistrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { HttpStatusCode: StatusCodes.Status201Created, Job: { } job } => TypedResults.Created(result.Location, job),
            { HttpStatusCode: StatusCodes.Status200OK, Job: { } job } => TypedResults.Ok(job),
            _ => TypedResults.Problem(statusCode: result.HttpStatusCode, title: result.Title, detail: result.Detail),
        };
    }
}
