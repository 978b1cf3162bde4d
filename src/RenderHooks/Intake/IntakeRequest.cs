using System.Net;

namespace RenderHooks.Intake;

/// <summary>An inbound webhook as any host sees it: route values, two headers, the source address and the body stream.</summary>
/// <param name="Provider">The <c>{provider}</c> route value, as sent.</param>
/// <param name="Token">The <c>{token}</c> route value. Never logged.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="ContentLength">The Content-Length header, if any.</param>
/// <param name="Body">The request body; read at most once, up to the size limit.</param>
public sealed record IntakeRequest(string? Provider, string? Token, string? ContentType, long? ContentLength, Stream Body)
{
    /// <summary>
    /// The address the request came from, as the host determined it: the connection's peer, or the address a trusted
    /// proxy forwarded. Null when the host does not know it; a provider with allowed source ranges then refuses the
    /// webhook (<see cref="WebhookSourceCheck"/>).
    /// </summary>
    public IPAddress? SourceAddress { get; init; }
}
