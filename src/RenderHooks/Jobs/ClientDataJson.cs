using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Jobs;

/// <summary>Stores a job's client data as compact UTF-8 JSON, within what one table property holds with room to spare.</summary>
internal static class ClientDataJson
{
    /// <summary>The most client data kept with a job (a binary table property holds 64 KiB); more is left out.</summary>
    public const int MaxBytes = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>The JSON bytes, or null when there is no client data or it is over <see cref="MaxBytes"/>.</returns>
    public static byte[]? ToUtf8(JsonObject? clientData, out bool omitted)
    {
        omitted = false;
        if (clientData is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            clientData.WriteTo(writer);
        }

        omitted = buffer.WrittenCount > MaxBytes;
        return omitted ? null : buffer.WrittenSpan.ToArray();
    }
}
