using System.Text.Json;

namespace RenderHooks.Providers;

/// <summary>
/// Explains why <see cref="JsonBody"/> refused a body: a second, tolerant pass finds duplicate properties
/// and excessive nesting, which the parser reports only as a generic <see cref="JsonException"/>.
/// </summary>
internal static class JsonDiagnostics
{
    /// <summary>A set of names up to this size is cleared and reused for the next object at its depth.</summary>
    private const int ReusableSetSize = 64;

    public static string Describe(ReadOnlySpan<byte> json, JsonException original)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = JsonBody.MaxDepth * 2,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        // The names seen in each open object, by depth. A set is made when an object first has a name and reused by the
        // next object at its depth (cleared, which costs little while it is small; a large one is let go), so a body of
        // many small objects costs no set per object.
        var names = new List<HashSet<string>?>();
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

                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            Forget(names, reader.CurrentDepth + 1);
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        if (TryGetName(ref reader, out var name) && !Seen(names, reader.CurrentDepth).Add(name))
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

    private static void Forget(List<HashSet<string>?> names, int depth)
    {
        if (depth < names.Count && names[depth] is { } set)
        {
            if (set.Count > ReusableSetSize)
            {
                names[depth] = null;
            }
            else
            {
                set.Clear();
            }
        }
    }

    private static HashSet<string> Seen(List<HashSet<string>?> names, int depth)
    {
        while (names.Count <= depth)
        {
            names.Add(null);
        }

        return names[depth] ??= new HashSet<string>(StringComparer.Ordinal);
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
