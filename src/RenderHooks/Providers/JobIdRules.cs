using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RenderHooks.Providers;

/// <summary>The rules every job id must meet: a JSON string, trimmed, 1 to 256 characters, no control characters.</summary>
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

        id = trimmed;
        reason = null;
        return true;
    }
}
