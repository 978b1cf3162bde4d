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
/// A body from a payload blob is kept in the row when it fits a binary property (<see cref="MaxInlineBodyBytes"/>);
/// a larger one is referenced (<c>BodyBlob</c>, <c>BodyBytes</c>) and stays in the payloads container.
/// </summary>
internal sealed class DeliveryArchive(RenderHooksStorage storage, FlaggedDeliveryIndex flagged, TimeProvider timeProvider)
{
    /// <summary>The largest body a row holds itself: the Table service's limit for one binary property, 64 KiB.</summary>
    public const int MaxInlineBodyBytes = 65_536;

    /// <summary>Whether the row holds the body (always for a body that came in the message), not a reference to its blob.</summary>
    public static bool HoldsBodyInline(DeliveryEnvelope delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.BodyBlob is null || (delivery.Body.Length > 0 && delivery.Body.Length <= MaxInlineBodyBytes);
    }

    /// <summary>
    /// The outcome archived for <paramref name="deliveryId"/>, or null when it is not archived. A scan of the table (the
    /// row's partition follows from the payload): asked only for a redelivered message whose payload blob is gone.
    /// </summary>
    public async Task<string?> FindOutcomeAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {deliveryId}");
        var rows = storage.DeliveriesTable.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Outcome"], cancellationToken: cancellationToken);
        await foreach (var row in rows.NameFailures(storage.DeliveriesTable, cancellationToken))
        {
            return row.ReadString("Outcome");
        }

        return null;
    }

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
        if (HoldsBodyInline(delivery))
        {
            entity["Body"] = delivery.Body;
        }
        else
        {
            entity["BodyBlob"] = delivery.BodyBlob;
            entity["BodyBytes"] = delivery.BodyBytes ?? delivery.Body.Length;
        }

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
                    outcome, reason, delivery.Provider, delivery.DeliveryId, jobId, delivery.ReceivedAt, delivery.ContentType, delivery.BodyBytes ?? delivery.Body.Length,
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
