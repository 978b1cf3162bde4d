using System.Diagnostics.CodeAnalysis;

namespace RenderHooks.Providers;

/// <summary>Decides whether a reported output URL is usable. URLs are checked, never fetched.</summary>
internal static class OutputUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>The URL when it is an absolute http(s) URL of sensible length, otherwise null.</summary>
    public static string? Normalize(string? url) => TryGetUri(url, out _) ? url : null;

    /// <summary>An absolute http(s) URL whose last path segment is a file name with an extension.</summary>
    public static bool IsCompleteFileUrl(string? url)
    {
        if (!TryGetUri(url, out var uri))
        {
            return false;
        }

        var path = uri.AbsolutePath;
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var dot = fileName.LastIndexOf('.');
        return dot > 0 && dot < fileName.Length - 1;
    }

    private static bool TryGetUri(string? url, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        uri = parsed;
        return true;
    }
}
