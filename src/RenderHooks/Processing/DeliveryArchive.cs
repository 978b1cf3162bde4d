using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// The deliveries table: every delivery, raw, with what processing made of it. Keyed by delivery id, so writing
/// the same delivery again (a redelivered queue message) replaces its row instead of adding one.
/// </summary>
internal sealed class DeliveryArchive(RenderHooksStorage storage, TimeProvider timeProvider)
{
    public Task ArchiveAsync(
        DeliveryEnvelope delivery,
        string partitionKey,
        string? jobId,
        ProcessingOutcome outcome,
        string? reason,
        string? reportedEventId,
        QueueMessageInfo message,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(partitionKey, delivery.DeliveryId);
        entity["DeliveryId"] = delivery.DeliveryId;
        entity["Provider"] = delivery.Provider;
        entity["JobId"] = jobId;
        entity["ContentType"] = delivery.ContentType;
        entity["ReceivedAt"] = delivery.ReceivedAt;
        entity["Body"] = delivery.Body;
        entity["Outcome"] = outcome.ToString();
        entity["Reason"] = reason;
        entity["ReportedEventId"] = reportedEventId;
        entity["MessageId"] = message.MessageId;
        entity["DequeueCount"] = message.DequeueCount;
        entity["ProcessedAt"] = timeProvider.GetUtcNow();
        return storage.DeliveriesTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Keeps a queue message that was not a delivery envelope, byte for byte, with the reason.</summary>
    public Task ArchiveUnreadableAsync(BinaryData rawMessage, string reason, QueueMessageInfo message, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(JobKeys.UnreadablePartition, TableKey.Encode(message.MessageId));
        entity["Body"] = rawMessage.ToArray();
        entity["Outcome"] = nameof(ProcessingOutcome.Unreadable);
        entity["Reason"] = reason;
        entity["MessageId"] = message.MessageId;
        entity["DequeueCount"] = message.DequeueCount;
        entity["ProcessedAt"] = timeProvider.GetUtcNow();
        return storage.DeliveriesTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>How many deliveries reported this job: a single-partition count.</summary>
    public async Task<int> CountAsync(string provider, string jobId, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableFilter.Equal("PartitionKey", JobKeys.DeliveriesPartition(provider, jobId));
        await foreach (var _ in storage.DeliveriesTable.QueryAsync(filter, ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
