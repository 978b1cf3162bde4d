using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RenderHooks.Server.Proxies;

/// <summary>
/// ASP.NET Core's forwarded-headers options from <see cref="ForwardedHeadersSettings"/>, applied after every other
/// configuration (ASP.NET Core's loopback defaults, and <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which would trust
/// every address): only the configured proxies are trusted, only <c>X-Forwarded-For</c> is read, at most
/// <c>ForwardLimit</c> entries. With no proxy configured nothing is read — the middleware treats empty lists as "trust
/// everyone", so they are never left empty with a header to read.
/// </summary>
internal sealed class ForwardedHeadersSetup(IOptions<ForwardedHeadersSettings> settings) : IPostConfigureOptions<ForwardedHeadersOptions>
{
    public void PostConfigure(string? name, ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var trusted = settings.Value;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in trusted.Proxies())
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in trusted.Networks())
        {
            options.KnownIPNetworks.Add(network);
        }

        options.ForwardLimit = trusted.ForwardLimit;
        options.ForwardedHeaders = trusted.TrustsAnyProxy ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
    }
}
