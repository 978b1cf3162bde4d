using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderHooks.Serialization;

/// <summary>The JSON conventions of every RenderHooks response and message, for hosts to apply to their serializer options.</summary>
public static class RenderHooksJson
{
    /// <summary>camelCase, absent values omitted, enums as strings, instants in UTC with <c>Z</c>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
