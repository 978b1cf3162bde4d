namespace RenderHooks.Intake;

/// <summary>An inbound webhook as any host sees it: route values, two headers and the body stream.</summary>
/// <param name="Provider">The <c>{provider}</c> route value, as sent.</param>
/// <param name="Token">The <c>{token}</c> route value. Never logged.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="ContentLength">The Content-Length header, if any.</param>
/// <param name="Body">The request body; read at most once, up to the size limit.</param>
public sealed record IntakeRequest(string? Provider, string? Token, string? ContentType, long? ContentLength, Stream Body);
