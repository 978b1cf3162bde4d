using System.Globalization;
using Azure.Data.Tables;
using RenderHooks.Processing;
using RenderHooks.Storage;

namespace RenderHooks.Deliveries;

/// <summary>
/// The deliveries worth a look, indexed in the deliveries table at archive time: one partition (<see cref="Partition"/>,
/// which no delivery partition can be) whose row keys start with the received time inverted, newest first. A delivery
/// is flagged when its outcome is not a plain record (<see cref="IsFlagged"/>) or it was kept with a note. Each row
/// holds what a listing shows (outcome, reason, provider, ids, times, size, where the archived row is), never the body,
/// so <c>GET /api/deliveries</c> reads this partition only: its cost follows the number of flagged deliveries in the
/// time asked, never the number of deliveries.
/// </summary>
internal sealed class FlaggedDeliveryIndex(RenderHooksStorage storage)
{
    public const string Partition = "~flagged";

    /// <summary>Reasons are the library's own text; kept whole up to this length, cut beyond it.</summary>
    public const int MaxReasonLength = 2048;

    public static bool IsFlagged(ProcessingOutcome outcome, string? reason) =>
        outcome is not (ProcessingOutcome.Recorded or ProcessingOutcome.Duplicate) || reason is not null;

    /// <summary>Newest first: ticks counted down from the largest instant, so a range from "now" backwards is a prefix.</summary>
    public static string TimePrefix(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static string RowKey(DateTimeOffset time, string id) => TimePrefix(time) + "|" + TableKey.Encode(id);

    public Task AddAsync(FlaggedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = new TableEntity(Partition, RowKey(delivery.ReceivedAt, delivery.DeliveryId ?? delivery.MessageId))
        {
            ["Outcome"] = delivery.Outcome.ToString(),
            ["Reason"] = delivery.Reason is { Length: > MaxReasonLength } longReason ? longReason[..MaxReasonLength] + "…" : delivery.Reason,
            ["Provider"] = delivery.Provider,
            ["DeliveryId"] = delivery.DeliveryId,
            ["JobId"] = delivery.JobId,
            ["ReceivedAt"] = delivery.ReceivedAt,
            ["ContentType"] = delivery.ContentType,
            ["BodyBytes"] = delivery.BodyBytes,
            ["MessageId"] = delivery.MessageId,
            ["DequeueCount"] = delivery.DequeueCount,
            ["ArchivePartitionKey"] = delivery.ArchivePartitionKey,
            ["ArchiveRowKey"] = delivery.ArchiveRowKey,
        };
        return storage.DeliveriesTable.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).NameFailures(storage.DeliveriesTable);
    }
}
