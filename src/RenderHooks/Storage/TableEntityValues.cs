using Azure.Data.Tables;

namespace RenderHooks.Storage;

/// <summary>
/// Reads an entity's properties by what they mean, not by the exact type stored. The SDK's <c>GetInt64</c> and kin
/// throw when the stored type differs (an Int32 asked for as Int64); a row written by an older version, by hand in
/// Storage Explorer, or by another writer may hold a number as Int32, Int64 or Double. A value of another kind
/// altogether (a string where a number belongs) reads as absent. Writers drop null values with <see cref="WithoutNulls"/>.
/// </summary>
internal static class TableEntityValues
{
    public static string? ReadString(this TableEntity entity, string name) => Value(entity, name) as string;

    public static bool? ReadBoolean(this TableEntity entity, string name) => Value(entity, name) is bool value ? value : null;

    /// <summary>An Int32, or an Int64 (or whole Double) within Int32's range.</summary>
    public static int? ReadInt32(this TableEntity entity, string name) => Value(entity, name) switch
    {
        int value => value,
        long value when value is >= int.MinValue and <= int.MaxValue => (int)value,
        double value when double.IsInteger(value) && value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => null,
    };

    /// <summary>An Int64, an Int32 widened, or a whole Double within Int64's range.</summary>
    public static long? ReadInt64(this TableEntity entity, string name) => Value(entity, name) switch
    {
        long value => value,
        int value => value,
        double value when double.IsInteger(value) && value >= long.MinValue && value < long.MaxValue => (long)value,
        _ => null,
    };

    /// <summary>A Double, or an Int32 or Int64 widened (a whole number written without its Edm.Double type).</summary>
    public static double? ReadDouble(this TableEntity entity, string name) => Value(entity, name) switch
    {
        double value => value,
        int value => value,
        long value => value,
        _ => null,
    };

    /// <summary>A DateTime property, as UTC.</summary>
    public static DateTimeOffset? ReadDateTimeOffset(this TableEntity entity, string name) => Value(entity, name) switch
    {
        DateTimeOffset value => value.ToUniversalTime(),
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        _ => null,
    };

    public static byte[]? ReadBinary(this TableEntity entity, string name) => Value(entity, name) switch
    {
        byte[] value => value,
        BinaryData value => value.ToArray(),
        _ => null,
    };

    /// <summary>Removes the properties set to null, so an absent value is not sent at all (a replace then drops it).</summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var name in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(name);
        }

        return entity;
    }

    private static object? Value(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.TryGetValue(name, out var value) ? value : null;
    }
}
