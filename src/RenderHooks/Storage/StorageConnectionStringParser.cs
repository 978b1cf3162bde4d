namespace RenderHooks.Storage;

/// <summary>Splits a storage connection string into case-insensitive key/value settings.</summary>
internal static class StorageConnectionStringParser
{
    public static Dictionary<string, string> Parse(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // Never echo the part: it could be (a piece of) the account key.
                throw new FormatException(
                    "The storage connection string is malformed: every setting must have the form 'Name=Value' separated by ';'.");
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (!settings.TryAdd(key, value))
            {
                throw new FormatException($"The storage connection string sets '{key}' more than once.");
            }
        }

        if (settings.Count == 0)
        {
            throw new FormatException("The storage connection string is empty.");
        }

        return settings;
    }
}
