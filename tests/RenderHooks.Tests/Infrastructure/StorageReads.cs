using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Short forms of the reads tests make through the SDK's clients: counts, peeks, rows.</summary>
public static class StorageReads
{
    /// <summary>The queue's approximate message count (Get Queue Properties).</summary>
    public static async Task<int> CountAsync(this QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>Up to 32 visible messages, not dequeued.</summary>
    public static async Task<PeekedMessage[]> PeekAsync(this QueueClient queue) => (await queue.PeekMessagesAsync(32)).Value;

    /// <summary>The decoded bodies of up to 32 visible messages, not dequeued.</summary>
    public static async Task<IReadOnlyList<BinaryData>> PeekBodiesAsync(this QueueClient queue) =>
        [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body)];

    /// <summary>Every row matching <paramref name="filter"/> (all when null).</summary>
    public static async Task<List<TableEntity>> RowsAsync(this TableClient table, string? filter = null, IEnumerable<string>? select = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One row, or null when it does not exist.</summary>
    public static async Task<TableEntity?> RowAsync(this TableClient table, string partitionKey, string rowKey)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return row.HasValue ? row.Value : null;
    }
}
