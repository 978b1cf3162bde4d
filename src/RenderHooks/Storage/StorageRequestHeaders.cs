using System.Globalization;
using Azure.Core;

namespace RenderHooks.Storage;

/// <summary>Header helpers shared by the signing policies.</summary>
internal static class StorageRequestHeaders
{
    public const string Date = "x-ms-date";
    public const string Version = "x-ms-version";

    /// <summary>Sets <c>x-ms-date</c> to now (RFC 1123) and returns it.</summary>
    public static string SetDate(Request request, TimeProvider timeProvider)
    {
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        request.Headers.SetValue(Date, date);
        return date;
    }

    public static string Get(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The request body's length as the string-to-sign wants it: empty when there is no body or it is empty.</summary>
    public static string ContentLength(Request request)
    {
        if (request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0)
        {
            return length.ToString(CultureInfo.InvariantCulture);
        }

        return string.Empty;
    }
}
