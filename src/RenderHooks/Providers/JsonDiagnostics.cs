using System.Text.Json;

namespace RenderHooks.Providers;

/// <summary>
/// Explains why <see cref="JsonBody"/> refused a body: a second, tolerant pass finds duplicate properties
/// and excessive nesting, which the parser reports only as a generic <see cref="JsonException"/>.
/// </summary>
internal static class JsonDiagnostics
{
    public static string Describe(ReadOnlySpan<byte> json, JsonException original)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = JsonBody.MaxDepth * 2,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        var scopes = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth + 1 > JsonBody.MaxDepth)
                        {
                            return $"JSON is nested deeper than {JsonBody.MaxDepth} levels";
                        }

                        scopes.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.TryPop(out _);
                        break;
                    case JsonTokenType.PropertyName:
                        if (scopes.TryPeek(out var names) && names is not null && TryGetName(ref reader, out var name) && !names.Add(name))
                        {
                            return $"duplicate property '{ReasonText.Quote(name)}' makes the payload ambiguous";
                        }

                        break;
                }
            }
        }
        catch (JsonException syntax)
        {
            return Syntax(syntax);
        }

        return Syntax(original);
    }

    private static bool TryGetName(ref Utf8JsonReader reader, out string name)
    {
        try
        {
            name = reader.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private static string Syntax(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"body is not valid JSON (line {line + 1}, byte {position + 1})"
            : "body is not valid JSON";
}
