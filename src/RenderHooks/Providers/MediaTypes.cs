namespace RenderHooks.Providers;

/// <summary>Media types the adapters read.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string TextJson = "text/json";
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";

    /// <summary><c>application/json</c>, <c>text/json</c> or any <c>application/*+json</c>.</summary>
    public static bool IsJson(string? mediaType)
    {
        var value = Normalize(mediaType);
        if (value is Json or TextJson)
        {
            return true;
        }

        const string prefix = "application/";
        const string suffix = "+json";
        return value.Length > prefix.Length + suffix.Length
            && value.StartsWith(prefix, StringComparison.Ordinal)
            && value.EndsWith(suffix, StringComparison.Ordinal);
    }

    public static bool IsFormUrlEncoded(string? mediaType) => Normalize(mediaType) == FormUrlEncoded;

    public static string UnsupportedReason(string? mediaType) =>
        $"unsupported media type '{ReasonText.Quote(mediaType ?? string.Empty)}'";

    /// <summary>Lower case, parameters dropped, trimmed: callers should already pass this form.</summary>
    private static string Normalize(string? mediaType)
    {
        if (mediaType is null)
        {
            return string.Empty;
        }

        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        var bare = semicolon >= 0 ? mediaType[..semicolon] : mediaType;
        return bare.Trim().ToLowerInvariant();
    }
}
