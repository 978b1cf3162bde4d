using Azure.Core;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;

namespace RenderHooks.Storage;

/// <summary>The queues and tables of the pipeline, each a client on the configured storage account.</summary>
public sealed class RenderHooksStorage
{
    public RenderHooksStorage(StorageAccount account, IOptions<StorageNamesOptions> names, IOptions<IntakeOptions> intake)
    {
        ArgumentNullException.ThrowIfNull(account);
        var n = names.Value;
        Account = account;
        Names = n;

        // Intake answers a provider that is waiting on the line: fail fast, so it gets a 503 and retries.
        var intakeOptions = new StorageQueueClientOptions();
        intakeOptions.Retry.Mode = RetryMode.Exponential;
        intakeOptions.Retry.MaxRetries = intake.Value.EnqueueRetries;
        intakeOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        intakeOptions.Retry.NetworkTimeout = intake.Value.EnqueueTimeout;

        IntakeQueue = new StorageQueueClient(account, n.DeliveriesQueue, intakeOptions);
        DeliveriesQueue = new StorageQueueClient(account, n.DeliveriesQueue, new StorageQueueClientOptions());
        PoisonQueue = new StorageQueueClient(account, n.PoisonQueue, new StorageQueueClientOptions());
        EventsQueue = new StorageQueueClient(account, n.EventsQueue, new StorageQueueClientOptions());
        JobsTable = new StorageTableClient(account, n.JobsTable, new StorageTableClientOptions());
        DeliveriesTable = new StorageTableClient(account, n.DeliveriesTable, new StorageTableClientOptions());
    }

    public StorageAccount Account { get; }

    public StorageNamesOptions Names { get; }

    /// <summary>The deliveries queue as intake writes it: few retries, short timeout.</summary>
    public StorageQueueClient IntakeQueue { get; }

    /// <summary>The deliveries queue as a consumer reads it.</summary>
    public StorageQueueClient DeliveriesQueue { get; }

    public StorageQueueClient PoisonQueue { get; }

    public StorageQueueClient EventsQueue { get; }

    public StorageTableClient JobsTable { get; }

    public StorageTableClient DeliveriesTable { get; }

    /// <summary>Creates every queue and table that does not exist yet.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            DeliveriesQueue.CreateIfNotExistsAsync(cancellationToken),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken),
            EventsQueue.CreateIfNotExistsAsync(cancellationToken),
            JobsTable.CreateIfNotExistsAsync(cancellationToken),
            DeliveriesTable.CreateIfNotExistsAsync(cancellationToken));
    }
}
