using Azure.Data.Tables;
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
        return storage.DeliveriesTable.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).NameFailures(storage.DeliveriesTable);
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
        return storage.DeliveriesTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).NameFailures(storage.DeliveriesTable);
    }

    /// <summary>How many deliveries reported this job: a single-partition count.</summary>
    public async Task<int> CountAsync(string provider, string jobId, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JobKeys.DeliveriesPartition(provider, jobId)}");
        var rows = storage.DeliveriesTable.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var _ in rows.NameFailures(storage.DeliveriesTable, cancellationToken))
        {
            count++;
        }

        return count;
    }
}
