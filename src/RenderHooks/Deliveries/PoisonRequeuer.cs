using Microsoft.Extensions.Logging;
using RenderHooks.Storage;

namespace RenderHooks.Deliveries;

/// <summary>
/// Moves deliveries from the poison queue back to the deliveries queue, byte for byte, once their cause is fixed.
/// Processing them again is safe: a delivery that recorded a state finds it and publishes its pending event, and
/// any other finds what it would have found the first time.
/// </summary>
public sealed partial class PoisonRequeuer(RenderHooksStorage storage, ILogger<PoisonRequeuer> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <returns>How many deliveries were moved.</returns>
    public async Task<int> RequeueAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        while (true)
        {
            var batch = (await storage.PoisonQueue.ReceiveMessagesAsync(32, Lease, cancellationToken).NameFailures(storage.PoisonQueue)).Value;
            if (batch.Length == 0)
            {
                Requeued(logger, moved, storage.PoisonQueue.Name, storage.DeliveriesQueue.Name);
                return moved;
            }

            foreach (var message in batch)
            {
                // Send first, then delete: a crash in between leaves a copy in both queues, never in neither.
                await storage.DeliveriesQueue.SendMessageAsync(message.Body, timeToLive: RenderHooksStorage.NeverExpires, cancellationToken: cancellationToken)
                    .NameFailures(storage.DeliveriesQueue);
                await storage.PoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).NameFailures(storage.PoisonQueue);
                moved++;
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Moved {Count} deliveries from {PoisonQueue} back to {DeliveriesQueue}")]
    private static partial void Requeued(ILogger logger, int count, string poisonQueue, string deliveriesQueue);
}
