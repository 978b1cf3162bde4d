using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// Retries are chosen per call site, not left to the SDK (whose queue clients retry 5 times, 100 s per attempt):
/// intake's enqueue makes <see cref="IntakeOptions.EnqueueRetries"/> + 1 attempts of at most
/// <see cref="IntakeOptions.EnqueueTimeout"/> each, so a provider waits seconds, not minutes; every other call makes 4.
/// </summary>
public sealed class RetryBudgetTests
{
    [Fact]
    public async Task IntakeSend_StorageAcceptsButNeverAnswers_GivesUpAfterItsRetriesEachCutAtItsTimeout()
    {
        using var silent = new SilentStorage();
        var storage = Storage(silent.Port, new IntakeOptions { EnqueueRetries = 2, EnqueueTimeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<AggregateException>(
            () => storage.IntakeQueue.SendMessageAsync(BinaryData.FromString("x")).NameFailures(storage.IntakeQueue));

        Assert.Equal(3, e.InnerExceptions.Count);
        Assert.All(e.InnerExceptions, inner => Assert.IsAssignableFrom<OperationCanceledException>(inner));
        Assert.Equal(3, silent.Connections);
        Assert.True(StorageErrors.IsStorageFailure(e));
    }

    [Fact]
    public async Task IntakeSend_StorageRefusesConnections_MakesEnqueueRetriesPlusOneAttempts()
    {
        var storage = Storage(AzuriteFixture.FreePorts(1)[0], new IntakeOptions { EnqueueRetries = 2 });

        var e = await Assert.ThrowsAsync<AggregateException>(
            () => storage.IntakeQueue.SendMessageAsync(BinaryData.FromString("x")).NameFailures(storage.IntakeQueue));

        Assert.Equal(3, e.InnerExceptions.Count);
    }

    [Fact]
    public async Task EventsSend_StorageRefusesConnections_MakesFourAttemptsNotTheQueueSdksSix()
    {
        var storage = Storage(AzuriteFixture.FreePorts(1)[0], new IntakeOptions());

        var e = await Assert.ThrowsAsync<AggregateException>(
            () => storage.EventsQueue.SendMessageAsync(BinaryData.FromString("x")).NameFailures(storage.EventsQueue));

        Assert.Equal(4, e.InnerExceptions.Count);
    }

    private static RenderHooksStorage Storage(int queuePort, IntakeOptions intake) =>
        new(
            StorageAccount.Parse(
                $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
                $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName};TableEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName}"),
            Options.Create(new StorageNamesOptions()),
            Options.Create(intake),
            NullLoggerFactory.Instance);

    /// <summary>A listener that accepts connections, reads nothing and never answers, counting the connections.</summary>
    private sealed class SilentStorage : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _accepted = [];
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public SilentStorage()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_accepted)
            {
                _accepted.ForEach(s => s.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    lock (_accepted)
                    {
                        _accepted.Add(socket);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
