using System.Net.Http.Headers;

namespace RenderHooks.Intake;

/// <summary>Reads a Content-Type header into the lower-case media type an adapter is asked about. UTF-8 only.</summary>
internal static class ContentTypeCheck
{
    /// <summary>
    /// The longest Content-Type header accepted, parameters included, checked before the header is parsed (a parser
    /// makes an object of every parameter). RFC 6838 allows 127 characters for each of type and subtype; the types the
    /// providers send, with a charset, are under 50.
    /// </summary>
    public const int MaxContentTypeLength = 127;

    public static bool TryGetMediaType(string? contentType, out string mediaType, out string problem)
    {
        mediaType = string.Empty;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            problem = "A Content-Type header is required.";
            return false;
        }

        if (contentType.Length > MaxContentTypeLength)
        {
            problem = $"The Content-Type header is longer than {MaxContentTypeLength} characters.";
            return false;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
        {
            problem = "The Content-Type header is not a valid media type.";
            return false;
        }

        var charset = parsed.CharSet?.Trim('"');
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Only UTF-8 bodies are accepted (charset=utf-8).";
            return false;
        }

        mediaType = parsed.MediaType.ToLowerInvariant();
        problem = string.Empty;
        return true;
    }
}
