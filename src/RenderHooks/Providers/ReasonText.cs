using System.Text;

namespace RenderHooks.Providers;

/// <summary>Makes a payload value safe to echo in a failure reason: short, one line, no invisible characters.</summary>
internal static class ReasonText
{
    public const int MaxEcho = 40;

    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxEcho) + 2);
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (count++ == MaxEcho)
            {
                builder.Append('…');
                break;
            }

            var invisible = InvisibleCharacters.Is(rune) || rune == Rune.ReplacementChar;
            builder.Append(invisible ? "?" : rune.ToString());
        }

        return builder.ToString();
    }
}
