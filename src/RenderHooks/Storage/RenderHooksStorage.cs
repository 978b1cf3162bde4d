using System.Net;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;

namespace RenderHooks.Storage;

/// <summary>
/// The queues and tables of the pipeline: the Azure SDK's clients, made here and nowhere else, from the account of
/// <c>AzureWebJobsStorage</c> (<see cref="StorageAccount"/>) and the names of <see cref="StorageNamesOptions"/>. Every
/// queue client writes and reads base64 (<see cref="StorageClientDefaults"/>); a message that is not base64 is handled by
/// <see cref="UndecodableMessages"/>. Retries are chosen per call site: intake's enqueue has its own short budget.
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
        // is (EnqueueRetries + 1) × EnqueueTimeout plus the short delays between attempts.
        var enqueue = intake.Value;
        var intakeQueues = account.CreateQueueServiceClient(StorageClientDefaults.Queues(
            retry =>
            {
                retry.Mode = RetryMode.Exponential;
                retry.MaxRetries = enqueue.EnqueueRetries;
                retry.Delay = TimeSpan.FromMilliseconds(100);
                retry.NetworkTimeout = enqueue.EnqueueTimeout;
            },
            undecodable.HandleAsync));
        var tables = account.CreateTableServiceClient(StorageClientDefaults.Tables());

        IntakeQueue = intakeQueues.GetQueueClient(n.DeliveriesQueue);
        DeliveriesQueue = queues.GetQueueClient(n.DeliveriesQueue);
        PoisonQueue = queues.GetQueueClient(n.PoisonQueue);
        EventsQueue = queues.GetQueueClient(n.EventsQueue);
        JobsTable = tables.GetTableClient(n.JobsTable);
        DeliveriesTable = tables.GetTableClient(n.DeliveriesTable);
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

    /// <summary>Creates every queue and table that does not exist yet.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            DeliveriesQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(DeliveriesQueue),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(PoisonQueue),
            EventsQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).NameFailures(EventsQueue),
            JobsTable.CreateIfNotExistsAsync(cancellationToken).NameFailures(JobsTable),
            DeliveriesTable.CreateIfNotExistsAsync(cancellationToken).NameFailures(DeliveriesTable));
    }

    /// <summary>
    /// The queues and tables that do not exist, as "queue 'name'" and "table 'name'"; none when all do. A queue the
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
            TableMissingAsync(DeliveriesTable, cancellationToken));
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
