using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Logging;

namespace RenderHooks.Storage;

/// <summary>
/// What the queue clients do with a message that is not base64 (something other than RenderHooks or the Functions host
/// wrote it). The SDK hands such a message here instead of returning it, and returns the rest of its batch as usual,
/// so one bad message never hides or loses the good ones. Received from the deliveries queue, it is copied to the
/// poison queue (its raw text as the body, so nothing is lost) and deleted, with an error saying why; received from
/// another queue, or peeked, it is left where it is, with a warning. Never throws: the SDK would fail the whole receive.
/// </summary>
internal sealed partial class UndecodableMessages(string deliveriesQueue, string poisonQueue, ILogger<UndecodableMessages> logger)
{
    public async Task HandleAsync(QueueMessageDecodingFailedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var queue = args.Queue;
        if (args.ReceivedMessage is not { } message)
        {
            if (args.PeekedMessage is { } peeked)
            {
                LeftInQueue(logger, peeked.MessageId, queue.Name);
            }

            return;
        }

        if (!string.Equals(queue.Name, deliveriesQueue, StringComparison.Ordinal))
        {
            LeftInQueue(logger, message.MessageId, queue.Name);
            return;
        }

        var poison = queue.GetParentQueueServiceClient().GetQueueClient(poisonQueue);
        try
        {
            if (args.IsRunningSynchronously)
            {
                poison.SendMessage(message.Body, TimeSpan.Zero, RenderHooksStorage.NeverExpires, args.CancellationToken);
                queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken);
            }
            else
            {
                await poison.SendMessageAsync(message.Body, TimeSpan.Zero, RenderHooksStorage.NeverExpires, args.CancellationToken).NameFailures(poison);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken).NameFailures(queue);
            }

            Poisoned(logger, message.MessageId, queue.Name, message.Body.ToMemory().Length, poison.Name);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e) || e is OperationCanceledException)
        {
            // It reappears when its visibility timeout ends, and is moved then.
            NotPoisoned(logger, e, message.MessageId, queue.Name, poison.Name);
        }
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} is not base64, the encoding of every RenderHooks queue, so it cannot be a delivery; moved unread to {PoisonQueue} with its text ({Bytes} bytes) as the body")]
    private static partial void Poisoned(ILogger logger, string messageId, string queue, int bytes, string poisonQueue);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not base64 and could not be moved to {PoisonQueue}; it reappears after its visibility timeout and is moved then")]
    private static partial void NotPoisoned(ILogger logger, Exception exception, string messageId, string queue, string poisonQueue);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not base64, the encoding of every RenderHooks queue; left in the queue, unread")]
    private static partial void LeftInQueue(ILogger logger, string messageId, string queue);
}
