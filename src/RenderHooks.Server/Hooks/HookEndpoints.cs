using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Intake;

namespace RenderHooks.Server.Hooks;

/// <summary>
/// <c>POST /api/hooks/{provider}/{token}</c>: the webhook URL pasted into a provider's movie JSON; other methods get
/// <c>405</c> with a problem. A query string (Azure's <c>?code=</c>) is ignored, as the Functions host ignores it on
/// this anonymous route.
/// </summary>
internal static class HookEndpoints
{
    public static RouteGroupBuilder MapHookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/hooks/{provider}/{token}", ReceiveAsync)
            .WithName("ReceiveWebhook")
            .DisableAntiforgery();

        // Any other method: 405 with Allow and a problem, as the Functions app answers (RefuseWebhookMethod).
        api.MapMethods("/hooks/{provider}/{token}", IntakeHttpResults.OtherMethods, (HttpResponse response) => IntakeHttpResults.MethodNotAllowed(response))
            .WithName("RefuseWebhookMethod");
        return api;
    }

    private static Task<Results<Ok<AcceptedDelivery>, ProblemHttpResult>> ReceiveAsync(
        string provider, string token, HttpRequest request, WebhookIntake intake, ILogger<WebhookIntake> logger, CancellationToken cancellationToken) =>
        intake.ReceiveAsync(request, provider, token, logger, cancellationToken);
}
