using System.Text.Json.Serialization;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;

namespace RenderHooks.Serialization;

/// <summary>Source-generated JSON for everything the library writes: camelCase, absent values omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(DeliveryEnvelope))]
[JsonSerializable(typeof(RenderEvent))]
[JsonSerializable(typeof(JobView))]
internal sealed partial class RenderHooksJsonContext : JsonSerializerContext;
