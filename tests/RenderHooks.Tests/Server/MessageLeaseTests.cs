using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using RenderHooks.Server.Queues;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>The server's lease on a message in process, against Azurite's real visibility and pop receipts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MessageLeaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private QueueClient _queue = null!;

    public async Task InitializeAsync()
    {
        _queue = azurite.CreateStorage().DeliveriesQueue;
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendMessageAsync(BinaryData.FromString("work"));
    }

    public Task DisposeAsync() => _queue.DeleteIfExistsAsync();

    [Fact]
    public async Task Lease_HeldPastItsLength_MessageStaysHiddenKeepsItsBodyAndFreshReceiptDeletesIt()
    {
        var message = await ReceiveAsync();
        using var lease = new MessageLease(_queue, message, TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(4.5));
        Assert.Empty(await _queue.PeekBodiesAsync());
        var popReceipt = await lease.StopAsync();

        Assert.False(lease.Lost);
        Assert.NotEqual(message.PopReceipt, popReceipt);

        // A renewal changes the visibility only: shown again, the message has its body.
        UpdateReceipt shown = await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: TimeSpan.Zero);
        Assert.Equal("work", Assert.Single(await _queue.PeekBodiesAsync()).ToString());
        await _queue.DeleteMessageAsync(message.MessageId, shown.PopReceipt);
        Assert.Equal(0, await _queue.CountAsync());
    }

    [Fact]
    public async Task Lease_MessageDeletedUnderIt_ReportedLost()
    {
        var message = await ReceiveAsync();
        using var lease = new MessageLease(_queue, message, TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await Eventually.GetAsync(() => Task.FromResult(lease.Lost), lost => lost, "the lease to be lost", TimeSpan.FromSeconds(5));
        await lease.StopAsync();

        Assert.True(lease.Lost);
    }

    private async Task<QueueMessage> ReceiveAsync() => Assert.Single((await _queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(2))).Value);
}
