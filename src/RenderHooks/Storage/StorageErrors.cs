using Azure;
using Azure.Identity;

namespace RenderHooks.Storage;

/// <summary>Tells a storage failure (down, refusing, timing out) from a bug or a caller's cancellation, and reads its error code.</summary>
public static class StorageErrors
{
    private const string ErrorCodeHeader = "x-ms-error-code";

    /// <summary>
    /// True for a service error, a transport error, a token that could not be had (Azure.Identity), a timeout (Azure.Core reports one as a cancellation the caller did
    /// not ask for), or Azure.Core's retry policy giving up — an <see cref="AggregateException"/> of those.
    /// </summary>
    public static bool IsStorageFailure(Exception exception, CancellationToken callerToken = default) => exception switch
    {
        RequestFailedException or HttpRequestException or TimeoutException or AuthenticationFailedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsStorageFailure(e, callerToken)),
        _ => false,
    };

    /// <summary>
    /// The service's error code: <see cref="RequestFailedException.ErrorCode"/>, or else the response's
    /// <c>x-ms-error-code</c> header. The table SDK reads the code from a JSON body only, so it leaves it empty for an
    /// XML error body such as Azurite's table 403 (<c>AuthorizationFailure</c>), whose header carries it.
    /// </summary>
    public static string? ErrorCode(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!string.IsNullOrEmpty(exception.ErrorCode))
        {
            return exception.ErrorCode;
        }

        return exception.GetRawResponse() is { } response && response.Headers.TryGetValue(ErrorCodeHeader, out var code) && !string.IsNullOrEmpty(code)
            ? code
            : null;
    }
}
