using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderHooks.Serialization;

/// <summary>Writes instants as UTC ISO 8601 with a <c>Z</c> (<c>2026-11-22T10:00:00Z</c>), as the contract shows them; reads any ISO 8601 offset.</summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
