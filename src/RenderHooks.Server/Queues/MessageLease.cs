using RenderHooks.Storage;

namespace RenderHooks.Server.Queues;

/// <summary>
/// Keeps a message hidden while it is processed by extending its visibility at half of each lease, as the
/// Functions host does, and tracks the pop receipt that every extension renews.
/// </summary>
internal sealed class MessageLease : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _renewals;
    private string _popReceipt;

    public MessageLease(StorageQueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _popReceipt = message.PopReceipt;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewals = RenewAsync(queue, message.MessageId, lease, timeProvider, _stop.Token, cancellationToken);
    }

    /// <summary>Stops renewing and returns the current pop receipt.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return _popReceipt;
    }

    public void Dispose() => _stop.Dispose();

    private async Task RenewAsync(
        StorageQueueClient queue, string messageId, TimeSpan lease, TimeProvider timeProvider, CancellationToken stop, CancellationToken abort)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(lease / 2, timeProvider, stop);

            // Stopping does not cut a renewal short: the service may already have issued a new pop receipt,
            // and the delete that follows needs it.
            _popReceipt = await queue.UpdateVisibilityAsync(messageId, _popReceipt, lease, abort);
        }
    }
}
