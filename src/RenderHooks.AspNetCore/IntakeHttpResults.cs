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
}
