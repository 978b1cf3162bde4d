using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RenderHooks.Storage;

/// <summary>
/// Creates the pipeline's queues and tables when the host starts, in both hosts (registered by
/// <see cref="StorageProvisioningExtensions.AddStorageProvisioning"/>). One attempt is made before the host goes on
/// (at most <see cref="FirstAttemptTimeout"/>), so a host whose storage is up serves with its queues in place. It never
/// stops the host: while storage is unreachable (Azurite still starting, a network blip) it logs a warning and tries
/// again in the background after 1 s, doubling up to 30 s, until the creation succeeds or the host stops.
/// </summary>
public sealed partial class StorageProvisioner : BackgroundService
{
    /// <summary>How long the attempt made while the host starts may take.</summary>
    public static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly RenderHooksStorage _storage;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StorageProvisioner> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StorageProvisioner(RenderHooksStorage storage, TimeProvider timeProvider, ILogger<StorageProvisioner> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _storage = storage;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Completes once the queues and tables exist, so a consumer does not poll a queue that is not there yet.</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var firstAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            firstAttempt.CancelAfter(FirstAttemptTimeout);
            try
            {
                await CreateAsync(firstAttempt.Token);
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not reachable yet: the background attempts below say so and keep trying.
            }
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_ready.Task.IsCompleted)
        {
            return;
        }

        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CreateAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, stoppingToken))
            {
                NotReachable(_logger, _storage.Account.QueueServiceUri, e.GetType().Name, delay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _storage.CreateIfNotExistsAsync(cancellationToken);
        var names = _storage.Names;
        Created(_logger, names.DeliveriesQueue, names.EventsQueue, names.JobsTable, names.DeliveriesTable);
        _ready.TrySetResult();
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Storage ready: queues {DeliveriesQueue}, {EventsQueue}; tables {JobsTable}, {DeliveriesTable}")]
    private static partial void Created(ILogger logger, string deliveriesQueue, string eventsQueue, string jobsTable, string deliveriesTable);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Storage at {QueueServiceUri} is not reachable yet ({ErrorType}); creating the queues and tables again in {RetryDelay}")]
    private static partial void NotReachable(ILogger logger, Uri queueServiceUri, string errorType, TimeSpan retryDelay);
}
