using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;

namespace RenderHooks.Serialization;

/// <summary>
/// Source-generated JSON for everything the library writes, used through <see cref="Compact"/>: camelCase, absent
/// values omitted, enums as strings, instants in UTC with <c>Z</c>.
/// </summary>
[JsonSerializable(typeof(DeliveryEnvelope))]
[JsonSerializable(typeof(RenderEvent))]
[JsonSerializable(typeof(JobView))]
internal sealed partial class RenderHooksJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The options every message is written with, including relaxed escaping, so non-ASCII
    /// text is written as UTF-8 rather than <c>\uXXXX</c> and a message is as small as its content. No output of
    /// this context is embedded in HTML.
    /// </summary>
    public static RenderHooksJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeOffsetConverter(), new JsonStringEnumConverter() },
    });
}
