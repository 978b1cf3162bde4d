using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RenderHooks.Providers;

/// <summary>Parses a webhook body as a strict JSON object.</summary>
internal static class JsonBody
{
    public const int MaxDepth = 32;

    public static JsonDocumentOptions Options => new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static bool TryParseObject(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? reason)
    {
        document = null;
        if (!Utf8Body.TryGetContent(body, out var content, out reason))
        {
            return false;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(content, Options);
        }
        catch (JsonException exception)
        {
            reason = JsonDiagnostics.Describe(content.Span, exception);
            return false;
        }
        catch (InvalidOperationException)
        {
            // .NET 10's duplicate-property check unescapes every property name and throws on an unpaired surrogate escape.
            reason = "body is not valid JSON (a property name has an unpaired surrogate escape)";
            return false;
        }

        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            reason = $"JSON root must be an object, not {Describe(parsed.RootElement.ValueKind)}";
            parsed.Dispose();
            return false;
        }

        document = parsed;
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a value",
    };
}
