using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace RenderHooks.Providers;

/// <summary>The provider names used in routes, storage keys and normalized events.</summary>
public static class ProviderNames
{
    public const string PhantomFlow = "phantomflow";
    public const string Json2Video = "json2video";

    /// <summary>Every supported provider name.</summary>
    public static IReadOnlyList<string> All { get; } = new ReadOnlyCollection<string>([PhantomFlow, Json2Video]);

    /// <summary>Maps a provider name in any letter case to its constant.</summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? name)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
            {
                name = candidate;
                return true;
            }
        }

        name = null;
        return false;
    }
}
