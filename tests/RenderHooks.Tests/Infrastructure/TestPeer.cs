using System.Net;
using Microsoft.AspNetCore.Http;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// The address an in-process test request comes from. The in-memory hosts have no socket, so no peer: a request names
/// one in <see cref="Header"/>, and the test host takes the header off and makes it the connection's remote address
/// before the app sees the request — the server in a startup filter (<see cref="TestPeerStartupFilter"/>), ahead of its
/// forwarded-headers step; the Functions app's test handler as the host's address of the caller. A request without it
/// keeps what the host gives (no address on the server's TestServer).
/// </summary>
public static class TestPeer
{
    public const string Header = "X-RenderHooks-Test-Peer";

    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(Header, address);
        return request;
    }

    /// <summary>Removes the header from the request and returns its address, if it had one.</summary>
    public static IPAddress? Take(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.Remove(Header, out var value))
        {
            return null;
        }

        return IPAddress.Parse(value.ToString());
    }
}
