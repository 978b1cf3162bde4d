using System.Globalization;
using System.Text;

namespace RenderHooks.Storage;

/// <summary>
/// A reversible escape of any text into a valid PartitionKey/RowKey: the characters Table storage forbids in keys
/// (<c>/</c>, <c>\</c>, <c>#</c>, <c>?</c>, U+0000–U+001F, U+007F–U+009F), <c>%</c>, and the escape character
/// <c>~</c> itself become <c>~XX</c> of their UTF-8 bytes; everything else is kept. Not <c>%XX</c>: the Table service
/// decodes the URL path of point operations twice, so a key holding <c>%</c> can read as another key or as missing.
/// </summary>
internal static class TableKey
{
    private const char Escape = '~';

    /// <summary>Escapes <paramref name="value"/> into a valid key.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var c in value)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
                continue;
            }

            var count = Encoding.UTF8.GetBytes([c], utf8);
            for (var i = 0; i < count; i++)
            {
                builder.Append(Escape).Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The key holds a malformed <c>~</c> escape.</exception>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains(Escape, StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        var pending = new List<byte>();
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == Escape)
            {
                if (i + 2 >= key.Length
                    || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new FormatException("The table key holds a '~' that is not followed by two hexadecimal digits.");
                }

                pending.Add(b);
                i += 2;
                continue;
            }

            Flush(builder, pending);
            builder.Append(key[i]);
        }

        Flush(builder, pending);
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or Escape || c <= '\u001F' || c is >= '\u007F' and <= '\u009F';

    private static void Flush(StringBuilder builder, List<byte> pending)
    {
        if (pending.Count > 0)
        {
            builder.Append(Encoding.UTF8.GetString([.. pending]));
            pending.Clear();
        }
    }
}
