using Azure.Data.Tables;
using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// The deliveries table: every delivery, raw, with what processing made of it. Keyed by delivery id, so writing
/// the same delivery again (a redelivered queue message) replaces its row instead of adding one. A delivery that needs
/// a look (refused, conflicting, unreadable, or kept with a note) is also listed in <see cref="FlaggedDeliveryIndex"/>,
/// after its row is written: the queue message is acknowledged only after both, so a crash between them is redone.
/// </summary>
internal sealed class DeliveryArchive(RenderHooksStorage storage, FlaggedDeliveryIndex flagged, TimeProvider timeProvider)
{
    public async Task ArchiveAsync(
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
        await storage.DeliveriesTable.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).NameFailures(storage.DeliveriesTable);
        if (FlaggedDeliveryIndex.IsFlagged(outcome, reason))
        {
            await flagged.AddAsync(
                new FlaggedDelivery(
                    outcome, reason, delivery.Provider, delivery.DeliveryId, jobId, delivery.ReceivedAt, delivery.ContentType, delivery.Body.Length,
                    message.MessageId, message.DequeueCount, partitionKey, delivery.DeliveryId),
                cancellationToken);
        }
    }

    /// <summary>Keeps a queue message that was not a delivery envelope, byte for byte, with the reason.</summary>
    public async Task ArchiveUnreadableAsync(BinaryData rawMessage, string reason, QueueMessageInfo message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawMessage);
        ArgumentNullException.ThrowIfNull(message);
        var processedAt = timeProvider.GetUtcNow();
        var entity = new TableEntity(JobKeys.UnreadablePartition, TableKey.Encode(message.MessageId));
        entity["Body"] = rawMessage.ToArray();
        entity["Outcome"] = nameof(ProcessingOutcome.Unreadable);
        entity["Reason"] = reason;
        entity["MessageId"] = message.MessageId;
        entity["DequeueCount"] = message.DequeueCount;
        entity["ProcessedAt"] = processedAt;
        await storage.DeliveriesTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).NameFailures(storage.DeliveriesTable);

        // No envelope, so no provider, delivery id or receipt time: listed by when it was processed.
        await flagged.AddAsync(
            new FlaggedDelivery(
                ProcessingOutcome.Unreadable, reason, null, null, null, processedAt, null, rawMessage.ToMemory().Length,
                message.MessageId, message.DequeueCount, entity.PartitionKey, entity.RowKey),
            cancellationToken);
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
