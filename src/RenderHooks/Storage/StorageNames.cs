namespace RenderHooks.Storage;

/// <summary>Validation of account, queue and table names.</summary>
internal static class StorageNames
{
    public static bool IsValidAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>3-63 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static void ValidateQueueName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var valid = queueName.Length is >= 3 and <= 63
            && queueName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && queueName[0] != '-'
            && queueName[^1] != '-'
            && !queueName.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{queueName}' is not a valid queue name: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queueName));
        }
    }

    /// <summary>3-63 alphanumeric characters starting with a letter; "tables" is reserved.</summary>
    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: use 3-63 letters and digits, starting with a letter ('tables' is reserved).",
                nameof(tableName));
        }
    }
}
