using System.Text.Json;

namespace RenderHooks.Storage;

/// <summary>Reads a Table service JSON body, with or without the UTF-8 byte order mark Azure may put before it.</summary>
internal static class StorageJson
{
    public static JsonDocument Parse(BinaryData content)
    {
        var bytes = content.ToMemory();
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return JsonDocument.Parse(bytes);
    }
}
