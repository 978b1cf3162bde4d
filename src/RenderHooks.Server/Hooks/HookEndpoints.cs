using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Intake;

namespace RenderHooks.Server.Hooks;

/// <summary><c>POST /api/hooks/{provider}/{token}</c>: the webhook URL pasted into a provider's movie JSON.</summary>
internal static class HookEndpoints
{
    public static RouteGroupBuilder MapHookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/hooks/{provider}/{token}", ReceiveAsync)
            .WithName("ReceiveWebhook")
            .DisableAntiforgery();
        return api;
    }

    private static Task<Results<Ok<AcceptedDelivery>, ProblemHttpResult>> ReceiveAsync(
        string provider, string token, HttpRequest request, WebhookIntake intake, ILogger<WebhookIntake> logger, CancellationToken cancellationToken) =>
        intake.ReceiveAsync(request, provider, token, logger, cancellationToken);
}
