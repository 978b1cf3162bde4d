using System.Net;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;

namespace RenderHooks.Storage;

/// <summary>
/// The queues, tables and payloads container of the pipeline: the Azure SDK's clients, made here and nowhere else, from
/// the account of <c>AzureWebJobsStorage</c> (<see cref="StorageAccount"/>) and the names of <see cref="StorageNamesOptions"/>. Every
/// queue client writes and reads base64 (<see cref="StorageClientDefaults"/>); a message that is not base64 is handled by
/// <see cref="UndecodableMessages"/>. Retries are chosen per call site: intake's enqueue and payload upload have their own
/// short budget.
/// </summary>
public sealed class RenderHooksStorage
{
    /// <summary>A message time-to-live meaning never expires (<c>messagettl=-1</c>): deliveries and events wait as long as it takes.</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public RenderHooksStorage(StorageAccount account, IOptions<StorageNamesOptions> names, IOptions<IntakeOptions> intake, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var n = names.Value;
        Account = account;
        Names = n;

        var undecodable = new UndecodableMessages(n.DeliveriesQueue, n.PoisonQueue, loggerFactory.CreateLogger<UndecodableMessages>());
        var queues = account.CreateQueueServiceClient(StorageClientDefaults.Queues(StorageClientDefaults.StandardRetry, undecodable.HandleAsync));

        // Intake answers a provider that is waiting on the line: fail fast, so it gets a 503 and retries. Its worst case
        // is (EnqueueRetries + 1) × EnqueueTimeout plus the short delays between attempts, for each of its writes.
        var enqueue = intake.Value;
        void IntakeRetry(RetryOptions retry)
        {
            retry.Mode = RetryMode.Exponential;
            retry.MaxRetries = enqueue.EnqueueRetries;
            retry.Delay = TimeSpan.FromMilliseconds(100);
            retry.NetworkTimeout = enqueue.EnqueueTimeout;
        }

        var intakeQueues = account.CreateQueueServiceClient(StorageClientDefaults.Queues(IntakeRetry, undecodable.HandleAsync));
        var tables = account.CreateTableServiceClient(StorageClientDefaults.Tables());
        var blobs = account.CreateBlobServiceClient(StorageClientDefaults.Blobs(StorageClientDefaults.StandardRetry));
        var intakeBlobs = account.CreateBlobServiceClient(StorageClientDefaults.Blobs(IntakeRetry));

        IntakeQueue = intakeQueues.GetQueueClient(n.DeliveriesQueue);
        DeliveriesQueue = queues.GetQueueClient(n.DeliveriesQueue);
        PoisonQueue = queues.GetQueueClient(n.PoisonQueue);
        EventsQueue = queues.GetQueueClient(n.EventsQueue);
        JobsTable = tables.GetTableClient(n.JobsTable);
        DeliveriesTable = tables.GetTableClient(n.DeliveriesTable);
        PayloadsContainer = blobs.GetBlobContainerClient(n.PayloadsContainer);
        IntakePayloadsContainer = intakeBlobs.GetBlobContainerClient(n.PayloadsContainer);
    }

    public StorageAccount Account { get; }

    public StorageNamesOptions Names { get; }

    /// <summary>The deliveries queue as intake writes it: few retries, short timeout.</summary>
    public QueueClient IntakeQueue { get; }

    /// <summary>The deliveries queue as a consumer reads it.</summary>
    public QueueClient DeliveriesQueue { get; }

    public QueueClient PoisonQueue { get; }

    public QueueClient EventsQueue { get; }

    public TableClient JobsTable { get; }

    public TableClient DeliveriesTable { get; }

    /// <summary>The container of webhook bodies too large for a queue message, as processing reads, tags and deletes them.</summary>
    public BlobContainerClient PayloadsContainer { get; }

    /// <summary>The payloads container as intake writes it: few retries, short timeout.</summary>
    public BlobContainerClient IntakePayloadsContainer { get; }

    /// <summary>Creates every queue, table and container that does not exist yet.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            DeliveriesQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(DeliveriesQueue),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(PoisonQueue),
            EventsQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(EventsQueue),
            JobsTable.CreateIfNotExistsAsync(cancellationToken).NameFailures(JobsTable),
            DeliveriesTable.CreateIfNotExistsAsync(cancellationToken).NameFailures(DeliveriesTable),
            PayloadsContainer.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(PayloadsContainer));
    }

    /// <summary>
    /// The queues, tables and container that do not exist, as "queue 'name'", "table 'name'" and "container 'name'";
    /// none when all do. A queue the
    /// identity may only send to (Storage Queue Data Message Sender on the events queue in Azure) answers 403 to the
    /// properties read: it is not reported, and a send to it, if it is missing, fails naming it.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindMissingAsync(CancellationToken cancellationToken = default)
    {
        var found = await Task.WhenAll(
            QueueMissingAsync(DeliveriesQueue, cancellationToken),
            QueueMissingAsync(PoisonQueue, cancellationToken),
            QueueMissingAsync(EventsQueue, cancellationToken),
            TableMissingAsync(JobsTable, cancellationToken),
            TableMissingAsync(DeliveriesTable, cancellationToken),
            ContainerMissingAsync(PayloadsContainer, cancellationToken));
        return [.. found.OfType<string>()];
    }

    private static async Task<string?> QueueMissingAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            await queue.GetPropertiesAsync(cancellationToken).NameFailures(queue);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return $"queue '{queue.Name}'";
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    private static async Task<string?> ContainerMissingAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var exists = await container.ExistsAsync(cancellationToken).NameFailures(container);
        return exists.Value ? null : $"container '{container.Name}'";
    }

    private static async Task<string?> TableMissingAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            var rows = table.QueryAsync<TableEntity>("PartitionKey eq '~exists'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken);
            await foreach (var _ in rows.NameFailures(table, cancellationToken))
            {
                break;
            }

            return null;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return $"table '{table.Name}'";
        }
    }
}
