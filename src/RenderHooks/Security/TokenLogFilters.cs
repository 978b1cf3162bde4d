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
public static class TokenLogFilters
{
    private static readonly (string Category, LogLevel Level)[] Rules =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information),
        ("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information),
    ];

    /// <summary>The filters, for every logger provider.</summary>
    public static ILoggingBuilder KeepWebhookTokensOut(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var (category, level) in Rules)
        {
            logging.AddFilter(category, level);
        }

        return logging;
    }

    /// <summary>
    /// The filters again for one provider that brings a provider-specific rule of its own (Application Insights adds
    /// one for every category), which would otherwise win over the general ones.
    /// </summary>
    public static ILoggingBuilder KeepWebhookTokensOut<TProvider>(this ILoggingBuilder logging)
        where TProvider : ILoggerProvider
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var (category, level) in Rules)
        {
            logging.AddFilter<TProvider>(category, level);
        }

        return logging;
    }
}
