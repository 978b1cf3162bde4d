using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;

namespace RenderHooks.Functions.Hooks;

/// <summary>
/// The webhook URL asked with another method than POST: <c>405</c>, <c>Allow: POST</c> and a problem, as the server
/// answers. Without it the Functions host answers 404 with an empty body (its router matches method and route
/// together). The methods are <see cref="IntakeHttpResults.OtherMethods"/>.
/// </summary>
public sealed class RefuseWebhookMethod
{
    [Function(nameof(RefuseWebhookMethod))]
    public static ProblemHttpResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", "delete", "patch", "options", Route = "hooks/{provider}/{token}")] HttpRequest request) =>
        IntakeHttpResults.MethodNotAllowed(request.HttpContext.Response);
}
