using System.Globalization;
using System.Text.Json;

namespace RenderHooks.Providers;

/// <summary>
/// Reads optional fields the way providers actually send them: numbers as JSON numbers or numeric strings.
/// A value that cannot be used (wrong type, NaN, infinite, negative, out of range) reads as absent.
/// </summary>
internal static class LenientValue
{
    /// <summary>The property's value when present and not JSON null.</summary>
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>A JSON string, or null; never throws on strings with unpaired surrogate escapes.</summary>
    public static bool TryGetString(JsonElement? value, out string text)
    {
        text = string.Empty;
        if (value is not { ValueKind: JsonValueKind.String } element)
        {
            return false;
        }

        try
        {
            text = element.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A trimmed, non-empty string, or null.</summary>
    public static string? ReadString(JsonElement? value) =>
        TryGetString(value, out var text) && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A trimmed, non-empty string or the text of a number, cut to <paramref name="maxLength"/>, or null.</summary>
    public static string? ReadText(JsonElement? value, int maxLength)
    {
        var text = value is { ValueKind: JsonValueKind.Number } number ? number.GetRawText() : ReadString(value);
        return text is null || text.Length <= maxLength ? text : text[..maxLength];
    }

    public static double? ReadDouble(JsonElement? value) =>
        NumericText(value) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            && number >= 0
                ? number + 0.0 // turns -0 into 0
                : null;

    public static long? ReadInt64(JsonElement? value)
    {
        if (NumericText(value) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole >= 0 ? whole : null;
        }

        // 16.0 or 1.6e1: accepted when it is a whole number in range.
        const double limit = 9223372036854775807.0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) && number >= 0 && number < limit && Math.Floor(number) == number
                ? (long)number
                : null;
    }

    public static int? ReadInt32(JsonElement? value) =>
        ReadInt64(value) is { } number && number <= int.MaxValue ? (int)number : null;

    /// <summary>JSON true/false, or the strings "true"/"false"/"1"/"0" in any case.</summary>
    public static bool? ReadBoolean(JsonElement? value)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
        }

        return ReadString(value)?.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
    }

    private static string? NumericText(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Number } number ? number.GetRawText() : ReadString(value);
}
