using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Intake;

namespace RenderHooks.AspNetCore;

/// <summary>The answer to a webhook: <c>200 {"deliveryId"}</c>, or a problem with the contract's status and, for 503, <c>Retry-After</c>.</summary>
public static class IntakeHttpResults
{
    public static Results<Ok<AcceptedDelivery>, ProblemHttpResult> ToHttpResult(this IntakeResult result, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(response);
        if (result.Status == IntakeStatus.Accepted)
        {
            return TypedResults.Ok(new AcceptedDelivery(result.DeliveryId!));
        }

        if (result.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: result.HttpStatusCode, title: result.Title, detail: result.Detail);
    }

    /// <summary>
    /// The methods other than POST a webhook URL answers with <see cref="MethodNotAllowed"/>, in both hosts (the Functions
    /// app's <c>RefuseWebhookMethod</c> lists the same in its trigger).
    /// </summary>
    public static IReadOnlyList<string> OtherMethods { get; } = ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"];

    /// <summary>
    /// A webhook URL asked with another method than POST (someone opening it in a browser): <c>405</c>, <c>Allow: POST</c>
    /// and a problem, whatever the provider and token — nothing is checked, read or stored.
    /// </summary>
    public static ProblemHttpResult MethodNotAllowed(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.Allow = HttpMethods.Post;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Method Not Allowed",
            detail: "A webhook URL takes POST only: paste it into the provider's movie JSON, and the provider posts the render result to it.");
    }
}
