using System.Net;
using Microsoft.AspNetCore.Builder;

namespace RenderHooks.Functions;

/// <summary>
/// Whose <c>X-Forwarded-For</c> the worker believes. The worker's ASP.NET Core integration runs <c>UseForwardedHeaders</c>
/// on every request the Functions host forwards to it, and the host sets that header itself: it proxies each request
/// with YARP's default transforms, whose X-Forwarded-For action is <c>Set</c> — the host's own view of the caller
/// replaces whatever the caller sent. So the host, on loopback, is the one proxy to trust, for one hop: the address it
/// saw becomes the request's <c>RemoteIpAddress</c>, and no caller can write its own. The worker's defaults say the same
/// today; pinning them keeps it so if a worker release loosens them (Azure/azure-functions-dotnet-worker#3111 asked for
/// no forward limit).
/// </summary>
internal static class HostForwardedHeaders
{
    public static void TrustOnlyTheHost(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.KnownIPNetworks.Add(new IPNetwork(IPAddress.Loopback, 8));
        options.KnownIPNetworks.Add(new IPNetwork(IPAddress.IPv6Loopback, 128));
        options.ForwardLimit = 1;
    }
}
