using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;

namespace RenderHooks.Server.Hooks;

/// <summary>
/// Keeps Kestrel's request body limit (<c>Kestrel:Limits:MaxRequestBodySize</c>, 30,000,000 bytes by default) at or
/// above <see cref="IntakeOptions.MaxBodyBytes"/>, so every body intake accepts reaches it, and one over intake's limit
/// gets intake's 413.
/// </summary>
internal sealed class KestrelBodyLimit(IOptions<IntakeOptions> intake) : IPostConfigureOptions<KestrelServerOptions>
{
    public void PostConfigure(string? name, KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var needed = intake.Value.MaxBodyBytes;
        if (options.Limits.MaxRequestBodySize is { } limit && limit < needed)
        {
            options.Limits.MaxRequestBodySize = needed;
        }
    }
}
