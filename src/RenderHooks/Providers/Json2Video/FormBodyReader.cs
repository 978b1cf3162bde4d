using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Turns an <c>application/x-www-form-urlencoded</c> body into a JSON object of strings, so it reads like the JSON payload.
/// Bracketed keys become nested objects: <c>client-data[a][b]=c</c> → <c>{"client-data":{"a":{"b":"c"}}}</c>, and a
/// trailing <c>[]</c> appends to an array: <c>client-data[tags][]=a&amp;client-data[tags][]=b</c> → <c>{"tags":["a","b"]}</c>.
/// A key that is not well-formed bracket syntax is kept as it is. A repeated top-level field is refused (two
/// <c>project</c>s are ambiguous); a nested field that repeats or clashes keeps its first value, and a field nested
/// deeper than <see cref="MaxKeyDepth"/> or named with more than <see cref="MaxKeyLength"/> characters is left out and
/// named in a note, so odd client data never costs the delivery.
/// </summary>
/// <remarks>
/// The body is untrusted (the webhook token is in every movie JSON), so the reader's cost is linear in it: the body is
/// read once from its bytes, a name's length is checked before it is decoded or split, names are split in one pass
/// without recursion, and the object is written once as UTF-8 JSON that the document reads in place.
/// </remarks>
internal static class FormBodyReader
{
    public const int MaxFields = 1000;
    public const int MaxKeyDepth = 8;
    public const int MaxKeyLength = 512;

    /// <summary>Percent-encoding takes at most 6 bytes per UTF-16 character (a 4-byte character is 12 bytes, 2 characters).</summary>
    private const int MaxEncodedBytesPerChar = 6;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="body">The raw body.</param>
    /// <param name="document">The form as a JSON object of strings.</param>
    /// <param name="note">What was left out of the form, for the delivery's archive; null when nothing was.</param>
    /// <param name="reason">Why the body cannot be read.</param>
    public static bool TryRead(
        ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, out string? note, [NotNullWhen(false)] out string? reason)
    {
        document = null;
        note = null;
        if (!Utf8Body.TryGetContent(body, out var content, out reason))
        {
            return false;
        }

        var root = new JsonObject();
        var path = new List<string>(MaxKeyDepth);
        var leftOut = new FormFieldsLeftOut();
        var fields = 0;
        var rest = content.Span;
        while (!rest.IsEmpty)
        {
            var ampersand = rest.IndexOf((byte)'&');
            var pair = ampersand < 0 ? rest : rest[..ampersand];
            rest = ampersand < 0 ? [] : rest[(ampersand + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++fields > MaxFields)
            {
                reason = $"form has more than {MaxFields} fields";
                return false;
            }

            var equals = pair.IndexOf((byte)'=');
            var encodedKey = equals < 0 ? pair : pair[..equals];
            if (encodedKey.Length > MaxKeyLength * MaxEncodedBytesPerChar)
            {
                leftOut.LongName();
                continue;
            }

            var key = FormPercentDecoding.Decode(encodedKey);
            if (key.Length == 0)
            {
                continue;
            }

            if (key.Length > MaxKeyLength)
            {
                leftOut.LongName();
                continue;
            }

            if (!FormKeyPath.TrySplit(key, MaxKeyDepth, path, out var append))
            {
                leftOut.Deep(key);
                continue;
            }

            var value = equals < 0 ? string.Empty : FormPercentDecoding.Decode(pair[(equals + 1)..]);
            if (!TryAdd(root, path, append, key, value, out reason))
            {
                return false;
            }
        }

        try
        {
            var json = new ArrayBufferWriter<byte>(content.Length + 16);
            using (var writer = new Utf8JsonWriter(json, WriterOptions))
            {
                root.WriteTo(writer);
            }

            document = JsonDocument.Parse(json.WrittenMemory, JsonBody.Options);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            reason = "form body could not be read";
            return false;
        }

        note = leftOut.Describe();
        return true;
    }

    private static bool TryAdd(JsonObject root, List<string> path, bool append, string key, string value, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
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
}
