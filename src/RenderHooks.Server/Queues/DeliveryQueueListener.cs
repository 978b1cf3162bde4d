using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using RenderHooks.Processing;
using RenderHooks.Storage;

namespace RenderHooks.Server.Queues;

/// <summary>
/// Consumes the deliveries queue as the Functions queue trigger does: messages are leased (hidden) while processed
/// and the lease is renewed; success deletes the message; failure makes it visible again after a delay; the
/// <see cref="QueueListenerOptions.MaxDequeueCount"/>-th failure moves it to the poison queue, and so does receiving
/// it once more than that (its last attempt was cut short by a crash or a hang). Shutdown stops polling and lets
/// in-flight messages finish; one cut short is not deleted, so it reappears: nothing is lost. A message that is not
/// base64 never reaches it: the queue client moves it to the poison queue with the reason (see <c>UndecodableMessages</c>).
/// </summary>
internal sealed class DeliveryQueueListener(
    RenderHooksStorage storage,
    DeliveryProcessor processor,
    StorageProvisioner provisioner,
    IOptions<QueueListenerOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryQueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _abort = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Graceful: the stopping token ends polling; in-flight work is cancelled only if the host's shutdown timeout runs out.
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var queue = storage.DeliveriesQueue;
        if (!settings.Enabled)
        {
            QueueListenerLog.Disabled(logger, queue.Name);
            return;
        }

        try
        {
            await provisioner.WaitUntilReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        QueueListenerLog.Started(logger, queue.Name, settings.MaxConcurrentMessages, settings.MaxDequeueCount);
        var inFlight = new HashSet<Task>();
        var pollDelay = MinPollingInterval;

        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveWhere(t => t.IsCompleted);
            if (inFlight.Count >= settings.MaxConcurrentMessages)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                var wanted = Math.Min(32, settings.MaxConcurrentMessages - inFlight.Count);
                messages = (await queue.ReceiveMessagesAsync(wanted, settings.MessageLease, stoppingToken).NameFailures(queue)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, stoppingToken))
            {
                QueueListenerLog.PollFailed(logger, e, queue.Name, settings.MaxPollingInterval);
                await DelayAsync(settings.MaxPollingInterval, stoppingToken);
                continue;
            }
            catch (Exception e)
            {
                // Never let the consumer die (a background service failure stops the host): log and keep polling.
                QueueListenerLog.PollFailedUnexpectedly(logger, e, queue.Name, settings.MaxPollingInterval);
                await DelayAsync(settings.MaxPollingInterval, stoppingToken);
                continue;
            }

            if (messages.Length == 0)
            {
                await DelayAsync(pollDelay, stoppingToken);
                pollDelay = TimeSpan.FromTicks(Math.Min(pollDelay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            pollDelay = MinPollingInterval;
            foreach (var message in messages)
            {
                inFlight.Add(HandleAsync(message, settings, _abort.Token));
            }
        }

        inFlight.RemoveWhere(t => t.IsCompleted);
        try
        {
            await Task.WhenAll(inFlight);
        }
        catch (OperationCanceledException)
        {
            QueueListenerLog.StoppedWithInFlight(logger, inFlight.Count(t => !t.IsCompletedSuccessfully));
        }
    }

    private async Task HandleAsync(QueueMessage message, QueueListenerOptions settings, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await PoisonAsync(message, message.PopReceipt, cancellationToken);
            QueueListenerLog.PoisonedOnReceipt(logger, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, storage.PoisonQueue.Name);
            return;
        }

        using var lease = new MessageLease(storage.DeliveriesQueue, message, settings.MessageLease, timeProvider, logger, cancellationToken);
        try
        {
            await processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // Shutdown cut it short: left in the queue, it reappears when its lease ends.
        }
        catch (Exception e)
        {
            await FailAsync(message, lease, e, settings, cancellationToken);
            return;
        }

        var popReceipt = await lease.StopAsync();
        if (lease.Lost)
        {
            return; // Already logged; the message reappears and is processed again, changing nothing.
        }

        try
        {
            await storage.DeliveriesQueue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).NameFailures(storage.DeliveriesQueue);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            QueueListenerLog.DeleteFailed(logger, e, message.MessageId);
        }
    }

    private async Task FailAsync(QueueMessage message, MessageLease lease, Exception error, QueueListenerOptions settings, CancellationToken cancellationToken)
    {
        var popReceipt = await lease.StopAsync();
        if (lease.Lost)
        {
            QueueListenerLog.Failed(logger, error, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, TimeSpan.Zero);
            return;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            if (await PoisonAsync(message, popReceipt, cancellationToken))
            {
                QueueListenerLog.Poisoned(logger, error, message.MessageId, message.DequeueCount, storage.PoisonQueue.Name);
            }

            return;
        }

        try
        {
            await storage.DeliveriesQueue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: settings.RetryDelay, cancellationToken: cancellationToken)
                .NameFailures(storage.DeliveriesQueue);
            QueueListenerLog.Failed(logger, error, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.RetryDelay);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            // Storage is down too: the message reappears when its lease ends and is counted again then.
            QueueListenerLog.Failed(logger, error, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.MessageLease);
        }
    }

    /// <summary>Copies the message to the poison queue, then deletes it; a failure leaves it to reappear and be poisoned then.</summary>
    private async Task<bool> PoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await storage.PoisonQueue.SendMessageAsync(message.Body, timeToLive: RenderHooksStorage.NeverExpires, cancellationToken: cancellationToken)
                .NameFailures(storage.PoisonQueue);
            await storage.DeliveriesQueue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).NameFailures(storage.DeliveriesQueue);
            return true;
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            QueueListenerLog.PoisonFailed(logger, e, message.MessageId, storage.PoisonQueue.Name);
            return false;
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
