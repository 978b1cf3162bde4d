using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.Processing;

namespace RenderHooks.Functions.Processing;

/// <summary>
/// Processes each delivery intake queued. A storage failure throws, so the host makes the message visible again after
/// <c>visibilityTimeout</c> and moves it to <c>renderhooks-deliveries-poison</c> after <c>maxDequeueCount</c> (host.json).
/// The connection is <c>AzureWebJobsStorage</c>, the account the library writes to.
/// </summary>
public sealed class ProcessDelivery(DeliveryProcessor processor)
{
    [Function(nameof(ProcessDelivery))]
    public Task RunAsync([QueueTrigger("renderhooks-deliveries")] QueueMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount), cancellationToken);
}
