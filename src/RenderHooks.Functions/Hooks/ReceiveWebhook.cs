using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using RenderHooks.AspNetCore;
using RenderHooks.Intake;

namespace RenderHooks.Functions.Hooks;

/// <summary>
/// <c>POST /api/hooks/{provider}/{token}</c>: the webhook URL in a provider's movie JSON. Intake writes the delivery to
/// the queue itself and this answers from its result, so <c>200</c> leaves only once the delivery is stored (no
/// <c>[QueueOutput]</c>: the host would write it after the response). The answer is the server's (RenderHooks.AspNetCore).
/// </summary>
public sealed class ReceiveWebhook(WebhookIntake intake, ILogger<WebhookIntake> logger)
{
    [Function(nameof(ReceiveWebhook))]
    public Task<Results<Ok<AcceptedDelivery>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hooks/{provider}/{token}")] HttpRequest request,
        string provider,
        string token,
        CancellationToken cancellationToken) =>
        intake.ReceiveAsync(request, provider, token, logger, cancellationToken);
}
