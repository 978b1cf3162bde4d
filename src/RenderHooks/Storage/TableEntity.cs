using Azure;

namespace RenderHooks.Storage;

/// <summary>
/// A table entity: its keys, ETag and timestamp, and custom properties of the supported types (string, int, long,
/// double, bool, DateTimeOffset, DateTime (UTC), byte[], BinaryData, Guid). Setting a property to null removes it.
/// </summary>
public sealed class TableEntity
{
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag",
    };

    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with the given keys (escape arbitrary text with <see cref="TableKey.Encode"/>).</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The ETag the service returned when the entity was read; <c>default</c> for a new entity.</summary>
    public ETag ETag { get; internal set; }

    /// <summary>The service's last-modified timestamp, when read from the service.</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>The custom properties (never the keys, timestamp or ETag).</summary>
    public IEnumerable<KeyValuePair<string, object?>> Properties =>
        _properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value));

    /// <summary>A custom property; null when absent. Setting null removes it.</summary>
    /// <exception cref="ArgumentException">The name is reserved or the value's type is not supported.</exception>
    public object? this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return _properties.TryGetValue(name, out var value) ? value : null;
        }

        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            if (ReservedNames.Contains(name) || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is reserved and cannot be set as a custom property.", nameof(name));
            }

            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalize(name, value);
        }
    }

    public string? GetString(string name) => this[name] as string;

    public int? GetInt32(string name) => this[name] is int value ? value : null;

    /// <summary>The property as a long; an Int32 property is widened.</summary>
    public long? GetInt64(string name) => this[name] switch
    {
        long value => value,
        int value => value,
        _ => null,
    };

    /// <summary>The property as a double; an Int32 property (a whole-number double read without its type annotation) is widened.</summary>
    public double? GetDouble(string name) => this[name] switch
    {
        double value => value,
        int value => value,
        _ => null,
    };

    public bool? GetBoolean(string name) => this[name] is bool value ? value : null;

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] is DateTimeOffset value ? value : null;

    public byte[]? GetBinary(string name) => this[name] is byte[] value ? value : null;

    public Guid? GetGuid(string name) => this[name] is Guid value ? value : null;

    internal void SetFromService(string name, object value) => _properties[name] = value;

    private static object Normalize(string name, object value) => value switch
    {
        string or int or long or double or bool or Guid => value,
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt when dt.Kind == DateTimeKind.Utc => new DateTimeOffset(dt),
        DateTime => throw new ArgumentException($"Property '{name}': a DateTime must have DateTimeKind.Utc; use DateTimeOffset.", nameof(value)),
        byte[] bytes => bytes.ToArray(),
        BinaryData data => data.ToArray(),
        _ => throw new ArgumentException($"Property '{name}': values of type {value.GetType().Name} are not supported.", nameof(value)),
    };
}
