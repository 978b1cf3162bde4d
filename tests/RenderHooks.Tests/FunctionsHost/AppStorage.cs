using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using RenderHooks.Jobs;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The app's queues, tables and payloads container under their default names (the queue trigger's <c>renderhooks-deliveries</c> is fixed
/// in code), read with the Azure SDK as a consumer or an operator would: every queue message base64-encoded.
/// </summary>
public sealed class AppStorage(string connectionString)
{
    /// <summary>Base64, at the queue service version RenderHooks pins (Azurite 3.37 refuses the SDK's default).</summary>
    private static readonly QueueClientOptions Base64 = new(RenderHooks.Storage.StorageClientDefaults.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };

    private readonly RenderHooks.Storage.StorageNamesOptions _names = new();

    public QueueClient DeliveriesQueue => new(connectionString, _names.DeliveriesQueue, Base64);

    public QueueClient PoisonQueue => new(connectionString, _names.PoisonQueue, Base64);

    public QueueClient EventsQueue => new(connectionString, _names.EventsQueue, Base64);

    public TableClient JobsTable => new(connectionString, _names.JobsTable);

    public TableClient DeliveriesTable => new(connectionString, _names.DeliveriesTable);

    /// <summary>The payloads container, at the blob service version RenderHooks pins.</summary>
    public BlobContainerClient PayloadsContainer =>
        new(connectionString, _names.PayloadsContainer, new BlobClientOptions(RenderHooks.Storage.StorageClientDefaults.BlobServiceVersion));

    /// <summary>Every event on the events queue now, parsed (peeked: consumers still get them). At most 32, which no test here exceeds.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync()
    {
        var queue = EventsQueue;
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return [.. messages.Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.Clone())];
    }

    /// <summary>The events of one job now on the events queue.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsOfAsync(string jobId) =>
        [.. (await EventsAsync()).Where(e => e.GetProperty("jobId").GetString() == jobId)];

    /// <summary>The archived deliveries of one job (the deliveries table, the definitive record of what processing saw).</summary>
    public async Task<IReadOnlyList<TableEntity>> ArchivedAsync(string provider, string jobId)
    {
        var rows = new List<TableEntity>();
        var partition = JobKeys.DeliveriesPartition(provider, jobId);
        await foreach (var row in DeliveriesTable.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of the deliveries table, whatever its partition (unparsed and unreadable ones included).</summary>
    public async Task<IReadOnlyList<TableEntity>> AllArchivedAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in DeliveriesTable.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Messages waiting in a queue (0 when the queue does not exist).</summary>
    public static async Task<int> CountAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
}
