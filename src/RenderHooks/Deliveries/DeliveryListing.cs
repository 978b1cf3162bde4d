using Azure.Data.Tables;
using RenderHooks.Listing;
using RenderHooks.Storage;

namespace RenderHooks.Deliveries;

/// <summary>
/// Lists flagged deliveries for the management API and the tool: one range query on the flagged partition
/// (<see cref="FlaggedDeliveryIndex"/>), newest first, from now back to <c>since</c>; outcome and provider are filtered
/// by the Table service within that range. One storage request a page.
/// </summary>
public sealed class DeliveryListing
{
    private readonly RenderHooksStorage _storage;

    internal DeliveryListing(RenderHooksStorage storage) => _storage = storage;

    /// <param name="query">What to list.</param>
    /// <param name="cursor">The previous page's cursor, or null for the first page.</param>
    /// <param name="cancellationToken">Cancels the storage request.</param>
    public async Task<ListResult<DeliverySummary>> ListAsync(DeliveryListQuery query, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FlaggedDeliveryIndex.Partition}");
        if (query.Since is { } since)
        {
            // Newest first: received at or after 'since' is a row key up to since's inverted time, separator included.
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {FlaggedDeliveryIndex.TimePrefix(since) + "}"}");
        }

        if (query.Outcome is { } outcome)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Outcome eq {outcome.ToString()}");
        }

        if (query.Provider is { } provider)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Provider eq {provider}");
        }

        return await TablePages.ListAsync(
            _storage.DeliveriesTable,
            query.ToCursorText(),
            cursor,
            filter,
            query.Limit,
            null,
            entities => Task.FromResult<IReadOnlyList<DeliverySummary>>([.. entities.Select(ToSummary)]),
            cancellationToken);
    }

    private static DeliverySummary ToSummary(TableEntity entity) => new()
    {
        DeliveryId = entity.ReadString("DeliveryId"),
        Outcome = (entity.ReadString("Outcome") ?? "unknown").ToLowerInvariant(),
        Reason = entity.ReadString("Reason"),
        Provider = entity.ReadString("Provider"),
        JobId = entity.ReadString("JobId"),
        ReceivedAt = entity.ReadDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        ContentType = entity.ReadString("ContentType"),
        BodyBytes = entity.ReadInt32("BodyBytes"),
        MessageId = entity.ReadString("MessageId"),
        DequeueCount = entity.ReadInt64("DequeueCount"),
        ArchivePartitionKey = entity.ReadString("ArchivePartitionKey"),
        ArchiveRowKey = entity.ReadString("ArchiveRowKey"),
    };
}
