using System.Globalization;
using System.Text.Json;
using Azure;

namespace RenderHooks.Storage;

/// <summary>Table entity JSON (OData minimal metadata) with <c>@odata.type</c> annotations for types JSON cannot carry.</summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Write(TableEntity entity)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static TableEntity Read(JsonElement element, string? etagHeader = null)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                annotations[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var partitionKey = element.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? string.Empty : string.Empty;
        var rowKey = element.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? string.Empty : string.Empty;
        var entity = new TableEntity(partitionKey, rowKey);

        if (element.TryGetProperty("odata.etag", out var etag) && etag.ValueKind == JsonValueKind.String)
        {
            entity.ETag = new ETag(etag.GetString()!);
        }
        else if (etagHeader is not null)
        {
            entity.ETag = new ETag(etagHeader);
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            annotations.TryGetValue(name, out var type);
            var value = ReadValue(property.Value, type);
            if (name == "Timestamp")
            {
                entity.Timestamp = value as DateTimeOffset? ?? (property.Value.ValueKind == JsonValueKind.String ? ParseDate(property.Value.GetString()!) : null);
                continue;
            }

            if (value is not null)
            {
                entity.SetFromService(name, value);
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case DateTimeOffset dto:
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                writer.WriteString(name, dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteString(name, Convert.ToBase64String(bytes));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            default:
                throw new ArgumentException($"Property '{name}': values of type {value.GetType().Name} are not supported.");
        }
    }

    private static object? ReadValue(JsonElement value, string? type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (type)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String
                    ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt32();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : value.GetDouble();
            case "Edm.DateTime":
                return ParseDate(value.GetString()!);
            case "Edm.Binary":
                return Convert.FromBase64String(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            case "Edm.Boolean":
                return value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean();
            case "Edm.String":
                return value.GetString();
            default:
                break;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0)
                {
                    if (value.TryGetInt32(out var i))
                    {
                        return i;
                    }

                    if (value.TryGetInt64(out var l))
                    {
                        return l;
                    }
                }

                return value.GetDouble();
            default:
                return value.GetRawText();
        }
    }

    private static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
