namespace RenderHooks.Storage;

/// <summary>Builds OData filter expressions for table queries with string literals safely quoted.</summary>
internal static class TableFilter
{
    /// <summary><c>property eq 'value'</c>, with single quotes in <paramref name="value"/> doubled.</summary>
    public static string Equal(string property, string value) => Compare(property, "eq", value);

    /// <summary><c>property ne 'value'</c>.</summary>
    public static string NotEqual(string property, string value) => Compare(property, "ne", value);

    /// <summary><c>property ge 'value'</c>.</summary>
    public static string GreaterThanOrEqual(string property, string value) => Compare(property, "ge", value);

    /// <summary><c>property lt 'value'</c>.</summary>
    public static string LessThan(string property, string value) => Compare(property, "lt", value);

    /// <summary>Joins the filters with <c>and</c>, each parenthesized.</summary>
    public static string And(params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length == 0)
        {
            throw new ArgumentException("At least one filter is required.", nameof(filters));
        }

        return filters.Length == 1 ? filters[0] : string.Join(" and ", filters.Select(f => $"({f})"));
    }

    /// <summary>A single-quoted OData string literal.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Compare(string property, string op, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        return $"{property} {op} {Quote(value)}";
    }
}
