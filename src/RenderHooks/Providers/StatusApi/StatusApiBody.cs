using System.Text.Json;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Helpers for reading status answers.</summary>
internal static class StatusApiBody
{
    /// <summary>
    /// Parses the body of <paramref name="answer"/> as a JSON object, or null: an empty or non-JSON error body is common,
    /// and a body whose Content-Type is not JSON is not read at all.
    /// </summary>
    public static JsonDocument? TryParse(StatusApiAnswer answer) =>
        answer.Body.Length > 0 && StatusApiAnswerRules.IsJson(answer) && JsonBody.TryParseObject(answer.Body, out var document, out _) ? document : null;

    /// <summary><c>": 'text'"</c> for a provider's text, cut and cleaned for a reason; empty when there is none.</summary>
    public static string Quoted(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : $": '{ReasonText.Quote(text.Trim())}'";
}
