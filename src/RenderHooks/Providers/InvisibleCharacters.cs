using System.Globalization;
using System.Text;

namespace RenderHooks.Providers;

/// <summary>
/// Characters that do not show as themselves: controls, format characters (bidi overrides such as U+202E, zero-width
/// characters such as U+200B) and the line and paragraph separators U+2028 and U+2029. In an id or a reference they can
/// make one value look like another in a consumer's interface, so those refuse them.
/// </summary>
internal static class InvisibleCharacters
{
    public static bool Is(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    public static bool Any(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Is(rune))
            {
                return true;
            }
        }

        return false;
    }
}
