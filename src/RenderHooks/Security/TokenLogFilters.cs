using Microsoft.Extensions.Logging;

namespace RenderHooks.Security;

/// <summary>
/// Keeps webhook tokens out of ASP.NET Core's own logs. A webhook URL holds the secret token, and three categories
/// write the request path or target: the hosting diagnostics in a line at Information and in a <c>RequestPath</c>
/// scope on every line of the request whenever the category is on at all, routing's matcher and Kestrel's
/// bad-request log at Debug. Set in code, so configuration cannot turn them back up by accident. Both hosts get
/// these through <see cref="RenderHooksHostBuilderExtensions.AddRenderHooks"/>: the server, and the Functions
/// worker, whose ASP.NET Core integration runs the same middleware.
/// </summary>
internal static class TokenLogFilters
{
    public static ILoggingBuilder KeepWebhookTokensOut(this ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information);
        return logging;
    }
}
