using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Short forms of the reads tests make through the SDK's clients: counts, peeks, rows, blobs.</summary>
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

    /// <summary>The names of the container's blobs (none when the container does not exist).</summary>
    public static async Task<List<string>> BlobNamesAsync(this BlobContainerClient container)
    {
        var names = new List<string>();
        if (!(await container.ExistsAsync()).Value)
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The blob's <c>renderhooks-state</c> tag, or null when the blob does not exist.</summary>
    public static async Task<string?> StateTagAsync(this BlobContainerClient container, string name)
    {
        try
        {
            var tags = await container.GetBlobClient(name).GetTagsAsync();
            return tags.Value.Tags.TryGetValue("renderhooks-state", out var state) ? state : string.Empty;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
