using Azure;
using Azure.Identity;

namespace RenderHooks.Storage;

/// <summary>Tells a storage failure (down, refusing, timing out) from a bug or a caller's cancellation.</summary>
public static class StorageErrors
{
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
}
