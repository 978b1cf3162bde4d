using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Turns an <c>application/x-www-form-urlencoded</c> body into a JSON object of strings, so it reads like the JSON payload.
/// Bracketed keys become nested objects: <c>client-data[a][b]=c</c> → <c>{"client-data":{"a":{"b":"c"}}}</c>, and a
/// trailing <c>[]</c> appends to an array: <c>client-data[tags][]=a&amp;client-data[tags][]=b</c> → <c>{"tags":["a","b"]}</c>.
/// A key that is not well-formed bracket syntax is kept as it is. A repeated top-level field is refused (two
/// <c>project</c>s are ambiguous); a nested field that repeats or clashes keeps its first value, so odd client data
/// never costs the delivery.
/// </summary>
internal static class FormBodyReader
{
    public const int MaxFields = 1000;
    public const int MaxKeyDepth = 8;

    public static bool TryRead(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? reason)
    {
        document = null;
        if (!Utf8Body.TryGetContent(body, out var content, out reason))
        {
            return false;
        }

        var root = new JsonObject();
        var pairs = Encoding.UTF8.GetString(content.Span).Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > MaxFields)
        {
            reason = $"form has more than {MaxFields} fields";
            return false;
        }

        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (key.Length > 0 && !TryAdd(root, key, value, out reason))
            {
                return false;
            }
        }

        try
        {
            document = JsonDocument.Parse(root.ToJsonString(), JsonBody.Options);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            reason = "form body could not be read";
            return false;
        }

        return true;
    }

    private static bool TryAdd(JsonObject root, string key, string value, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        var path = SplitKey(key, out var append);
        if (path.Count > MaxKeyDepth)
        {
            reason = $"form field '{ReasonText.Quote(key)}' is nested deeper than {MaxKeyDepth} levels";
            return false;
        }

        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!parent.TryGetPropertyValue(path[i], out var child))
            {
                child = new JsonObject();
                parent[path[i]] = child;
            }

            if (child is not JsonObject next)
            {
                return true; // Clashes with an earlier nested value: the first one stands.
            }

            parent = next;
        }

        var leaf = path[^1];
        parent.TryGetPropertyValue(leaf, out var existing);
        if (append)
        {
            if (existing is null)
            {
                parent[leaf] = new JsonArray(value);
            }
            else if (existing is JsonArray array)
            {
                array.Add(value);
            }

            return true;
        }

        if (existing is not null && path.Count == 1 && existing is not JsonObject and not JsonArray)
        {
            reason = $"duplicate form field '{ReasonText.Quote(key)}' makes the payload ambiguous";
            return false;
        }

        if (existing is null)
        {
            parent[leaf] = value;
        }

        return true;
    }

    /// <summary><c>a[b][c]</c> → a, b, c; <c>a[b][]</c> → a, b with <paramref name="append"/>; anything else → the key itself.</summary>
    private static List<string> SplitKey(string key, out bool append)
    {
        append = false;
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || key[^1] != ']')
        {
            return [key];
        }

        var brackets = key.AsSpan(open);
        if (brackets.EndsWith("[]"))
        {
            var inner = SplitKey(key[..^2], out _);
            if (inner.Count > 1 || key.IndexOf('[', StringComparison.Ordinal) == key.Length - 2)
            {
                append = true;
                return inner;
            }

            return [key];
        }

        var path = new List<string> { key[..open] };
        var rest = brackets;
        while (!rest.IsEmpty)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close <= 1 || rest[1..close].IndexOfAny('[', ']') >= 0)
            {
                return [key];
            }

            path.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }

        return path;
    }
}
