using System.Buffers;
using System.Text;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Decodes one urlencoded name or value straight from the body's bytes, in one pass: <c>+</c> is a space, <c>%XX</c> a
/// byte, a <c>%</c> not followed by two hexadecimal digits is kept as it is, and bytes that do not form UTF-8 after
/// decoding read as U+FFFD — as <see cref="System.Net.WebUtility.UrlDecode(string)"/> reads them, without first making
/// a string of the whole body.
/// </summary>
internal static class FormPercentDecoding
{
    private const int StackLimit = 256;

    public static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        byte[]? rented = null;
        var buffer = encoded.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '+')
                {
                    b = (byte)' ';
                }
                else if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }

                buffer[length++] = b;
            }

            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
