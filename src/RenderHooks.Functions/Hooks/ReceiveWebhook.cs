using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.Intake;

namespace RenderHooks.Functions.Hooks;

/// <summary>
/// <c>POST /api/hooks/{provider}/{token}</c>: the webhook URL in a provider's movie JSON. Intake writes the delivery to
/// the queue itself and this answers from its result, so <c>200</c> leaves only once the delivery is stored (no
/// <c>[QueueOutput]</c>: the host would write it after the response). Same mapping as the server's <c>HookEndpoints</c>.
/// </summary>
public sealed class ReceiveWebhook(WebhookIntake intake)
{
    [Function(nameof(ReceiveWebhook))]
    public async Task<Results<Ok<AcceptedDelivery>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hooks/{provider}/{token}")] HttpRequest request,
        string provider,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await intake.AcceptAsync(
            new IntakeRequest(provider, token, request.ContentType, request.ContentLength, request.Body), cancellationToken);

        if (result.Status == IntakeStatus.Accepted)
        {
            return TypedResults.Ok(new AcceptedDelivery(result.DeliveryId!));
        }

        if (result.RetryAfter is { } retryAfter)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: result.HttpStatusCode, title: result.Title, detail: result.Detail);
    }
}
