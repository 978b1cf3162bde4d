using Microsoft.Extensions.Options;
using RenderHooks.Processing;
using RenderHooks.Storage;

namespace RenderHooks.Server.Queues;

/// <summary>
/// Consumes the deliveries queue as the Functions queue trigger does: messages are leased (hidden) while processed
/// and the lease is renewed; success deletes the message; failure makes it visible again after a delay; the
/// <see cref="QueueListenerOptions.MaxDequeueCount"/>-th failure moves it to the poison queue. Shutdown stops
/// polling and lets in-flight messages finish; one cut short is not deleted, so it reappears: nothing is lost.
/// </summary>
internal sealed class DeliveryQueueListener(
    RenderHooksStorage storage,
    DeliveryProcessor processor,
    StorageReadiness readiness,
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
        try
        {
            await readiness.WaitAsync(stoppingToken);
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

            IReadOnlyList<QueueMessage> messages;
            try
            {
                var wanted = Math.Min(32, settings.MaxConcurrentMessages - inFlight.Count);
                messages = await queue.ReceiveMessagesAsync(wanted, settings.MessageLease, stoppingToken);
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

            if (messages.Count == 0)
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
        var queue = storage.DeliveriesQueue;
        using var lease = new MessageLease(queue, message, settings.MessageLease, timeProvider, cancellationToken);
        try
        {
            await processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, await lease.StopAsync(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown cut it short: leave it in the queue, it reappears when its lease ends.
        }
        catch (Exception e)
        {
            await FailAsync(message, await lease.StopAsync(), e, settings, cancellationToken);
        }
    }

    private async Task FailAsync(QueueMessage message, string popReceipt, Exception error, QueueListenerOptions settings, CancellationToken cancellationToken)
    {
        var queue = storage.DeliveriesQueue;
        try
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await storage.PoisonQueue.SendMessageAsync(message.Body, timeToLive: StorageQueueClient.InfiniteTimeToLive, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
                QueueListenerLog.Poisoned(logger, error, message.MessageId, message.DequeueCount, storage.PoisonQueue.Name);
            }
            else
            {
                await queue.UpdateVisibilityAsync(message.MessageId, popReceipt, settings.RetryDelay, cancellationToken);
                QueueListenerLog.Failed(logger, error, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.RetryDelay);
            }
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            // Storage is down too: the message reappears when its lease ends and is counted again then.
            QueueListenerLog.Failed(logger, error, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.MessageLease);
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
