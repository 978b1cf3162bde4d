using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using RenderHooks.Storage;

namespace RenderHooks.Server.Queues;

/// <summary>
/// Keeps a message hidden while it is processed by extending its visibility every third of the lease, as the
/// Functions host does, and tracks the pop receipt each extension renews. A failed extension is tried again at the
/// next tick; one the service refuses (the message is gone, or its receipt changed) means the lease is lost.
/// </summary>
internal sealed class MessageLease : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _renewals;
    private readonly ILogger _logger;
    private string _popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        _popReceipt = message.PopReceipt;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewals = RenewAsync(queue, message.MessageId, lease, timeProvider, _stop.Token, cancellationToken);
    }

    /// <summary>True once the service refused an extension: another consumer may have the message now.</summary>
    public bool Lost { get; private set; }

    /// <summary>Stops renewing and returns the current pop receipt.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return _popReceipt;
    }

    public void Dispose() => _stop.Dispose();

    private async Task RenewAsync(
        QueueClient queue, string messageId, TimeSpan lease, TimeProvider timeProvider, CancellationToken stop, CancellationToken abort)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(lease / 3, timeProvider, stop);
            try
            {
                // Stopping does not cut a renewal short: the service may already have issued a new pop receipt,
                // and the delete that follows needs it.
                var receipt = await queue.UpdateMessageAsync(messageId, _popReceipt, visibilityTimeout: lease, cancellationToken: abort).NameFailures(queue);
                _popReceipt = receipt.Value.PopReceipt;
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                Lost = true;
                QueueListenerLog.LeaseLost(_logger, messageId, e.ErrorCode);
                return;
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, abort))
            {
                QueueListenerLog.LeaseRenewalFailed(_logger, e, messageId);
            }
        }
    }
}
