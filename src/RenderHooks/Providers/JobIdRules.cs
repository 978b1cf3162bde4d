using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RenderHooks.Jobs;

namespace RenderHooks.Providers;

/// <summary>
/// The rules every job id must meet: a JSON string, trimmed, 1 to 256 characters, no control or other invisible
/// characters (<see cref="InvisibleCharacters"/>), short enough once escaped for every table key made from it
/// (<see cref="JobKeys.MaxEscapedJobIdLength"/>), and readable back from the URL of its record
/// (<see cref="JobPaths"/>): not <c>.</c> or <c>..</c>, which a URL path drops, and no <c>%</c> followed by two
/// hexadecimal digits, which a server decodes before routing (all but <c>%2F</c>), so <c>a%2Fb</c> could not be told
/// from <c>a/b</c>.
/// </summary>
internal static class JobIdRules
{
    public const int MaxLength = 256;

    public static bool TryRead(JsonElement? value, string field, [NotNullWhen(true)] out string? id, [NotNullWhen(false)] out string? reason)
    {
        id = null;
        if (value is null)
        {
            reason = $"missing {field}";
            return false;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            reason = $"{field} must be a string";
            return false;
        }

        if (!LenientValue.TryGetString(value, out var text))
        {
            reason = $"{field} contains invalid characters";
            return false;
        }

        return TryValidate(text, field, out id, out reason);
    }

    public static bool TryValidate(string text, string field, [NotNullWhen(true)] out string? id, [NotNullWhen(false)] out string? reason)
    {
        id = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            reason = $"missing {field} (empty)";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            reason = $"{field} is longer than {MaxLength} characters";
            return false;
        }

        if (trimmed.Any(char.IsControl))
        {
            reason = $"{field} contains control characters";
            return false;
        }

        if (trimmed is "." or "..")
        {
            reason = $"{field} cannot be '.' or '..' (a URL drops them)";
            return false;
        }

        if (HasPercentEscape(trimmed))
        {
            reason = $"{field} contains '%' followed by two hexadecimal digits, which a URL cannot tell from an escape";
            return false;
        }

        if (InvisibleCharacters.Any(trimmed))
        {
            reason = $"{field} contains invisible format characters (such as bidi controls, zero-width characters or line separators)";
            return false;
        }

        if (JobKeys.EscapedLength(trimmed) is var escaped && escaped > JobKeys.MaxEscapedJobIdLength)
        {
            reason = $"{field} is {escaped} characters long as a table key, over {JobKeys.MaxEscapedJobIdLength} ('/', '\\', '#', '?', '%' and '~' take 3 each)";
            return false;
        }

        id = trimmed;
        reason = null;
        return true;
    }

    private static bool HasPercentEscape(string text)
    {
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0 && i < text.Length - 2; i = text.IndexOf('%', i + 1))
        {
            if (char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return true;
            }
        }

        return false;
    }
}
