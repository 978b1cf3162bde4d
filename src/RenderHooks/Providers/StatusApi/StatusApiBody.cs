using System.Text.Json;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Helpers for reading status answers.</summary>
internal static class StatusApiBody
{
    /// <summary>Parses <paramref name="body"/> as a JSON object, or null (an empty or non-JSON error body is common).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body) =>
        body.Length > 0 && JsonBody.TryParseObject(body, out var document, out _) ? document : null;

    /// <summary><c>": 'text'"</c> for a provider's text, cut and cleaned for a reason; empty when there is none.</summary>
    public static string Quoted(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : $": '{ReasonText.Quote(text.Trim())}'";
}
