using System.Globalization;
using Azure;
using Azure.Core;

namespace RenderHooks.Storage;

/// <summary>Turns a failed storage response into a <see cref="RequestFailedException"/> that says what failed.</summary>
internal static class StorageFailures
{
    /// <summary>
    /// Creates the exception for <paramref name="response"/>: <see cref="RequestFailedException.Status"/> and
    /// <see cref="RequestFailedException.ErrorCode"/> are set, the message names the operation and resource, and the
    /// inner exception carries the raw response.
    /// </summary>
    public static RequestFailedException Create(Response response, RequestFailedDetailsParser parser, string operation, string resource)
    {
        var inner = new RequestFailedException(response, null, parser);
        parser.TryParse(response, out var error, out _);
        var code = error?.Code ?? inner.ErrorCode;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{operation} on {resource} failed: {response.Status} ({response.ReasonPhrase}){(code is null ? string.Empty : ", " + code)}{(string.IsNullOrEmpty(error?.Message) ? "." : ": " + error.Message)}");
        return new RequestFailedException(response.Status, message, code, inner);
    }
}
