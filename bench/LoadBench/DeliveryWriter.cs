using Azure.Storage.Queues;
using RenderHooks.Deliveries;
using RenderHooks.Storage;

namespace RenderHooks.LoadBench;

/// <summary>
/// The storage call intake makes, made directly: the envelope <c>WebhookIntake</c> builds (a fresh delivery id, the
/// raw PhantomFlow body), serialized the same way and sent, never expiring, through the same Azure SDK client
/// (<see cref="RenderHooksStorage.IntakeQueue"/>: intake's retries and timeout, base64) with the same call. As the
/// ceiling, what intake cannot beat; as the backlog, what intake would have written.
/// </summary>
internal sealed class DeliveryWriter(QueueClient queue, TimeProvider timeProvider)
{
    public async Task<string?> SendAsync(CancellationToken cancellationToken)
    {
        await queue.SendMessageAsync(
            DeliveryEnvelopeSerializer.Serialize(NewEnvelope(timeProvider.GetUtcNow())),
            timeToLive: RenderHooksStorage.NeverExpires,
            cancellationToken: cancellationToken).NameFailures(queue);
        return null;
    }

    /// <summary>The length of the queue message text written for one webhook (the envelope as JSON, base64).</summary>
    public static int MessageLength() =>
        Convert.ToBase64String(DeliveryEnvelopeSerializer.Serialize(NewEnvelope(TimeProvider.System.GetUtcNow())).ToArray()).Length;

    private static DeliveryEnvelope NewEnvelope(DateTimeOffset now) => new()
    {
        DeliveryId = Guid.CreateVersion7(now).ToString("N"),
        Provider = PhantomFlowWebhook.Provider,
        ReceivedAt = now,
        ContentType = PhantomFlowWebhook.MediaType,
        Body = PhantomFlowWebhook.Body(PhantomFlowWebhook.NewJobId()),
    };
}
