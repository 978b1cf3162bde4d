using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Helpers for reading status answers with the webhook adapters.</summary>
internal static class StatusApiBody
{
    /// <summary>Parses <paramref name="body"/> as a JSON object, or null (an empty or non-JSON error body is common).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body) =>
        body.Length > 0 && JsonBody.TryParseObject(body, out var document, out _) ? document : null;

    /// <summary>A copy of <paramref name="element"/> as a mutable object, for fixing up a field before an adapter reads it.</summary>
    public static JsonObject ToObject(JsonElement element) =>
        JsonObject.Create(element.Clone()) ?? throw new ArgumentException("Not a JSON object.", nameof(element));

    /// <summary>Runs a webhook adapter over a JSON object.</summary>
    public static ParseResult ParseWith(IProviderAdapter adapter, JsonObject value) =>
        adapter.Parse(Encoding.UTF8.GetBytes(value.ToJsonString()), MediaTypes.Json);

    /// <summary><c>": 'text'"</c> for a provider's text, cut and cleaned for a reason; empty when there is none.</summary>
    public static string Quoted(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : $": '{ReasonText.Quote(text.Trim())}'";
}
