using Azure;
using Azure.Identity;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

public sealed class StorageErrorsTests
{
    public static TheoryData<Exception, bool> Cases() => new()
    {
        { new RequestFailedException(503, "down"), true },
        { new HttpRequestException("refused"), true },
        { new TimeoutException(), true },
        { new CredentialUnavailableException("no managed identity"), true },
        { new AuthenticationFailedException("token refused"), true },
        { new TaskCanceledException("network timeout"), true },
        { new AggregateException(new RequestFailedException("a"), new HttpRequestException("b")), true },
        { new AggregateException(new RequestFailedException("a"), new InvalidOperationException("bug")), false },
        { new AggregateException(), false },
        { new ArgumentException("too large"), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsStorageFailure_Exception_Classified(Exception exception, bool expected) =>
        Assert.Equal(expected, StorageErrors.IsStorageFailure(exception));

    [Fact]
    public void IsStorageFailure_CallerCancelled_NotAFailure()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.False(StorageErrors.IsStorageFailure(new OperationCanceledException(cts.Token), cts.Token));
    }
}
