using System.Text;

namespace RenderHooks.Storage;

/// <summary>Applies a <see cref="QueueMessageEncoding"/> to message bodies.</summary>
internal static class QueueMessageCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">With <see cref="QueueMessageEncoding.None"/>, the bytes are not UTF-8.</exception>
    public static string Encode(BinaryData body, QueueMessageEncoding encoding)
    {
        if (encoding == QueueMessageEncoding.Base64)
        {
            return Convert.ToBase64String(body.ToMemory().Span);
        }

        try
        {
            return StrictUtf8.GetString(body.ToMemory().Span);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ArgumentException(
                "With QueueMessageEncoding.None the message must be UTF-8 text; use QueueMessageEncoding.Base64 for binary data.", "message", exception);
        }
    }

    /// <summary>Decodes <paramref name="text"/>; on failure returns the raw text as UTF-8 and <c>failed</c> = true.</summary>
    public static (BinaryData Body, bool Failed) Decode(string? text, QueueMessageEncoding encoding)
    {
        text ??= string.Empty;
        if (encoding == QueueMessageEncoding.None)
        {
            return (BinaryData.FromString(text), false);
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            return (new BinaryData(buffer.AsMemory(0, written)), false);
        }

        return (BinaryData.FromString(text), true);
    }
}
