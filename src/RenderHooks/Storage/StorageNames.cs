namespace RenderHooks.Storage;

/// <summary>Validation of storage account names (queue and table names are validated by <see cref="StorageNamesOptions"/>).</summary>
internal static class StorageNames
{
    public static bool IsValidAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
