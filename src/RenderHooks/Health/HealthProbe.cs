using Azure;
using Azure.Data.Tables;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

namespace RenderHooks.Health;

/// <summary>
/// Asks queue, table and blob storage for a cheap answer each, within a few seconds: four storage operations (the two
/// queues' message counts, one table query, the payloads container's properties). Hosts ask <see cref="HealthMonitor"/>, which shares one probe among callers.
/// The report also says per provider whether reconciliation is on (settings, not asked of anyone).
/// </summary>
public sealed class HealthProbe(RenderHooksStorage storage, TimeProvider timeProvider, ReconciliationSettings reconciliation)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        using var timer = new CancellationTokenSource(Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        var queues = ProbeQueuesAsync(timeout.Token, cancellationToken);
        var tables = ProbeTablesAsync(timeout.Token, cancellationToken);
        var blobs = ProbeBlobsAsync(timeout.Token, cancellationToken);
        var (queueStatus, waiting, poison) = await queues;
        var tableStatus = await tables;
        var blobStatus = await blobs;

        return new HealthReport
        {
            Status = queueStatus == "ok" && tableStatus == "ok" && blobStatus == "ok" ? "healthy" : "unhealthy",
            Queues = queueStatus,
            Tables = tableStatus,
            Blobs = blobStatus,
            DeliveriesWaiting = waiting,
            PoisonMessages = poison,
            Reconciliation = reconciliation.Providers,
        };
    }

    private async Task<(string Status, int? Waiting, int? Poison)> ProbeQueuesAsync(CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            var waiting = await storage.DeliveriesQueue.GetPropertiesAsync(timeout).NameFailures(storage.DeliveriesQueue);
            var poison = await storage.PoisonQueue.GetPropertiesAsync(timeout).NameFailures(storage.PoisonQueue);
            return ("ok", waiting.Value.ApproximateMessagesCount, poison.Value.ApproximateMessagesCount);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            return (Describe(e), null, null);
        }
    }

    private async Task<string> ProbeTablesAsync(CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            var rows = storage.JobsTable.QueryAsync<TableEntity>("PartitionKey eq '~health'", maxPerPage: 1, select: ["PartitionKey"], timeout);
            await foreach (var _ in rows.NameFailures(storage.JobsTable, timeout))
            {
                break;
            }

            return "ok";
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            return Describe(e);
        }
    }

    private async Task<string> ProbeBlobsAsync(CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await storage.PayloadsContainer.GetPropertiesAsync(cancellationToken: timeout).NameFailures(storage.PayloadsContainer);
            return "ok";
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            return Describe(e);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        RequestFailedException r => $"storage answered {r.Status} {r.ErrorCode}".TrimEnd(),
        AggregateException { InnerExceptions: [.., var last] } => Describe(last),
        OperationCanceledException => $"no answer within {Timeout.TotalSeconds:0} s",
        _ => "unreachable",
    };
}
