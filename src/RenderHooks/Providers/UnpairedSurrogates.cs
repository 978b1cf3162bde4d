using System.Globalization;

namespace RenderHooks.Providers;

/// <summary>
/// Finds a <c>\uD800</c>–<c>\uDFFF</c> escape in JSON text that is not half of a surrogate pair. The parser accepts such
/// strings, but they cannot become .NET strings or UTF-8, so writing a value that holds one throws. One pass over the
/// bytes, escapes read as JSON reads them (<c>\\u</c> is a backslash and a <c>u</c>).
/// </summary>
internal static class UnpairedSurrogates
{
    public static bool Any(ReadOnlySpan<byte> json)
    {
        var expectLow = false;
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length - 1; )
        {
            var unit = json[i + 1] == 'u' && i + 6 <= json.Length && TryHex(json.Slice(i + 2, 4), out var value) ? value : -1;
            var next = unit >= 0 ? i + 6 : i + 2;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (expectLow)
                {
                    return true; // a high surrogate after a high surrogate
                }

                expectLow = true;
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                if (!expectLow)
                {
                    return true; // a low surrogate alone
                }

                expectLow = false;
            }
            else if (expectLow)
            {
                return true; // a high surrogate followed by another escape
            }

            if (expectLow && (next >= json.Length - 1 || json[next] != '\\'))
            {
                return true; // a high surrogate followed by anything but an escape
            }

            var following = json[next..].IndexOf((byte)'\\');
            i = following < 0 ? -1 : next + following;
        }

        return expectLow;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
