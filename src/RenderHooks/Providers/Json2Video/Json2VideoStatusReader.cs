using System.Text.Json;
using System.Text.RegularExpressions;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Reads JSON2Video's <c>GET /v2/movies?project={id}</c> answer: <c>{success, movie: {status, message, project, url, …}}</c>
/// with status <c>pending</c>, <c>running</c>, <c>done</c> or <c>error</c>. <c>done</c> and <c>error</c> (and the adapter's
/// synonyms) are terminal and read by <see cref="Json2VideoAdapter"/>; any other status — including <c>timeout</c>, which
/// JSON2Video computes client-side for a render still running — is in progress.
/// Errors are <c>{success: false, message}</c>. As observed against the live API (JSON2Video's own n8n node, 2026-07-30):
/// an invalid key answers 400 "Error: Invalid API Key" (its docs say 401), and an unknown project answers 400 with a
/// leaked "TypeError: …" (its docs say 404). Both forms are read here.
/// </summary>
internal static partial class Json2VideoStatusReader
{
    private const int MaxMessageLength = 1000;

    public static ProviderStatus Read(StatusApiAnswer answer, string jobId)
    {
        if (StatusApiAnswerRules.Classify(answer) is { } common)
        {
            return common;
        }

        using var document = StatusApiBody.TryParse(answer);
        var message = document is null ? null : LenientValue.ReadText(LenientValue.Get(document.RootElement, "message"), MaxMessageLength);
        if (!StatusApiAnswerRules.IsSuccess(answer))
        {
            if (answer.StatusCode is 404 or 410)
            {
                return ProviderStatuses.Unknown($"HTTP {answer.StatusCode}{StatusApiBody.Quoted(message)}: JSON2Video does not know the project");
            }

            return answer.StatusCode == 400 && FromMessage(message, $"HTTP 400{StatusApiBody.Quoted(message)}") is { } known
                ? known
                : ProviderStatuses.Unavailable($"HTTP {answer.StatusCode}{StatusApiBody.Quoted(message)}");
        }

        if (document is null)
        {
            return ProviderStatuses.Unavailable(answer.Body.Length == 0 ? "empty answer" : "the answer is not a JSON object");
        }

        if (LenientValue.Get(document.RootElement, "movie") is not { ValueKind: JsonValueKind.Object } movie)
        {
            return FromMessage(message, $"no movie in the answer{StatusApiBody.Quoted(message)}")
                ?? ProviderStatuses.Unavailable($"no movie in the answer{StatusApiBody.Quoted(message)}");
        }

        if (LenientValue.Get(movie, "status") is not { ValueKind: JsonValueKind.String } statusValue
            || LenientValue.ReadString(statusValue) is not { } state)
        {
            return ProviderStatuses.Unavailable("the movie carries no status text");
        }

        if (LenientValue.ReadString(LenientValue.Get(movie, "project")) is { } project && !string.Equals(project, jobId, StringComparison.Ordinal))
        {
            return ProviderStatuses.Unavailable("the answer is about another project");
        }

        if (!IsTerminal(state))
        {
            return ProviderStatuses.InProgress(state);
        }

        // Only the movie: the envelope's success flag says the request worked, not the render.
        var result = Json2VideoAdapter.ReadMovie(movie, jobId);
        return result.IsSuccess
            ? ProviderStatuses.Terminal(result.Report, state)
            : ProviderStatuses.Unavailable($"unreadable {ReasonText.Quote(state)} answer: {result.Reason}");
    }

    /// <summary>The statuses <see cref="Json2VideoOutcome"/> reads as terminal.</summary>
    private static bool IsTerminal(string state) =>
        state.ToLowerInvariant() is "done" or "success" or "completed" or "error" or "failed" or "failure";

    /// <summary>An error message that names the cause: the API key (unauthorized) or a project that does not exist (unknown).</summary>
    private static ProviderStatus? FromMessage(string? message, string reason)
    {
        if (message is null)
        {
            return null;
        }

        if (ApiKeyMessage().IsMatch(message))
        {
            return ProviderStatuses.Unauthorized(reason);
        }

        return NotFoundMessage().IsMatch(message) ? ProviderStatuses.Unknown(reason + ": JSON2Video does not know the project") : null;
    }

    [GeneratedRegex(@"api[\s_-]*key", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ApiKeyMessage();

    /// <summary>"not found", "does not exist", "no movie", or a leaked JavaScript runtime error (what an unknown project gets).</summary>
    [GeneratedRegex(@"not\s+found|does\s+not\s+exist|no\s+movie|^\s*(Type|Reference|Range|Syntax)Error\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotFoundMessage();
}
