using RenderHooks.Storage;

namespace RenderHooks.Server.Queues;

/// <summary>
/// Creates the queues and tables at start-up. If storage is not reachable yet (Azurite still starting), the server
/// starts anyway — intake answers 503 and health says why — and the creation is retried until it succeeds.
/// </summary>
internal sealed partial class StorageInitializer(
    RenderHooksStorage storage, StorageReadiness readiness, TimeProvider timeProvider, ILogger<StorageInitializer> logger) : IHostedService
{
    private static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var firstAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstAttempt.CancelAfter(FirstAttemptTimeout);
        if (await TryCreateAsync(firstAttempt.Token))
        {
            return;
        }

        _retries = RetryUntilCreatedAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retries is not null)
        {
            await _retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RetryUntilCreatedAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryCreateAsync(cancellationToken))
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.CreateIfNotExistsAsync(cancellationToken);
            readiness.MarkReady();
            Created(logger, storage.Names.DeliveriesQueue, storage.Names.EventsQueue, storage.Names.JobsTable, storage.Names.DeliveriesTable);
            return true;
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, _stopping.Token))
        {
            if (!_stopping.IsCancellationRequested)
            {
                NotReachable(logger, storage.Account.QueueServiceUri, e.GetType().Name, e.Message);
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Storage ready: queues {DeliveriesQueue}, {EventsQueue}; tables {JobsTable}, {DeliveriesTable}")]
    private static partial void Created(ILogger logger, string deliveriesQueue, string eventsQueue, string jobsTable, string deliveriesTable);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Storage at {QueueServiceUri} is not reachable yet ({ErrorType}: {Error}); retrying. Is Azurite running?")]
    private static partial void NotReachable(ILogger logger, Uri queueServiceUri, string errorType, string error);
}
