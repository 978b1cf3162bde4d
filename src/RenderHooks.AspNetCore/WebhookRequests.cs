using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using RenderHooks.Intake;

namespace RenderHooks.AspNetCore;

/// <summary>
/// A webhook request handed to intake, with the connection's remote address as its source (the host's forwarded-headers
/// step has already replaced it with what a trusted proxy forwarded), and intake's answer. When the server cannot read
/// the body — it arrives more slowly than the server's minimum data rate (408), or its chunked framing is broken
/// (400) — the caller gets that status as a problem like every other refusal; when the caller resets the connection
/// half-way, there is no one left to answer. Both are logged as what they are, the caller's doing, not as unhandled
/// errors of the host. Nothing is stored then: intake writes to the queue only after the whole body is read.
/// </summary>
public static class WebhookRequests
{
    public static async Task<Results<Ok<AcceptedDelivery>, ProblemHttpResult>> ReceiveAsync(
        this WebhookIntake intake, HttpRequest request, string provider, string token, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(logger);

        IntakeResult result;
        try
        {
            result = await intake.AcceptAsync(
                new IntakeRequest(provider, token, request.ContentType, request.ContentLength, request.Body)
                {
                    // The peer, or what the host's forwarded-headers step made of a trusted proxy's X-Forwarded-For.
                    SourceAddress = request.HttpContext.Connection.RemoteIpAddress,
                },
                cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            // Only a caller with a valid token and provider gets this far: intake reads the body after those checks.
            WebhookRequestLog.BodyUnreadable(logger, e.StatusCode, e.Message);
            return TypedResults.Problem(
                statusCode: e.StatusCode,
                title: ReasonPhrases.GetReasonPhrase(e.StatusCode),
                detail: $"The request body could not be read: {e.Message}");
        }
        catch (ConnectionResetException)
        {
            // Nobody is left to answer; aborting also spares the server draining a body it can no longer read.
            request.HttpContext.Abort();
            WebhookRequestLog.CallerGone(logger);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status499ClientClosedRequest,
                title: "Client closed request",
                detail: "The connection was reset before the body was read.");
        }

        return result.ToHttpResult(request.HttpContext.Response);
    }
}
