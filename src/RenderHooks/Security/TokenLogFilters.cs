using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RenderHooks.Security;

/// <summary>
/// Keeps webhook tokens out of ASP.NET Core's own logs. A webhook URL holds the secret token, and three categories
/// write the request path or target: the hosting diagnostics in a line at Information and in a <c>RequestPath</c>
/// scope on every line of the request whenever the category is on at all, routing's matcher and Kestrel's
/// bad-request log at Debug. Both hosts get these through <see cref="RenderHooksHostBuilderExtensions.AddRenderHooks"/>:
/// the server, and the Functions worker, whose ASP.NET Core integration runs the same middleware.
/// </summary>
/// <remarks>
/// In .NET's rule selection a rule that names a logger provider wins over every rule that names none, whatever its
/// category, so a rule for all providers alone would lose to <c>Logging:Console:LogLevel:Default</c> or to the rule
/// Application Insights adds for itself. So the rules are also added once configuration is read
/// (<see cref="TokenLogFilterRules"/>) for every logger provider registered and every provider a rule names, by type
/// name and by alias, after every other rule: configuration cannot turn these categories back up.
/// </remarks>
public static class TokenLogFilters
{
    /// <summary>The categories that write the request path, and the most each may log.</summary>
    internal static IReadOnlyList<(string Category, LogLevel Level)> Rules { get; } =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information),
        ("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information),
    ];

    /// <summary>The filters, for every logger provider, whatever configuration says.</summary>
    public static ILoggingBuilder KeepWebhookTokensOut(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var (category, level) in Rules)
        {
            logging.AddFilter(category, level);
        }

        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoggerFilterOptions>, TokenLogFilterRules>());
        return logging;
    }
}
