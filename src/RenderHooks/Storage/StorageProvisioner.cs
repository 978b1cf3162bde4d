using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RenderHooks.Storage;

/// <summary>
/// Creates the pipeline's queues, tables and payloads container when the host starts, in both hosts (registered by
/// <see cref="StorageProvisioningExtensions.AddStorageProvisioning"/>). One attempt is made before the host goes on
/// (at most <see cref="FirstAttemptTimeout"/>), so a host whose storage is up serves with its queues in place. It never
/// stops the host: while storage is unreachable (Azurite still starting, a network blip) it logs a warning and tries
/// again in the background after 1 s, doubling up to 30 s, until the creation succeeds or the host stops. With
/// <see cref="StorageProvisioningOptions.CreateIfNotExists"/> false (the Azure deployment creates them, and the app's
/// identity has no right to) it creates nothing: it checks that they exist, and while one is missing it logs an error
/// naming it and checks again on the same schedule.
/// </summary>
public sealed partial class StorageProvisioner : BackgroundService
{
    /// <summary>How long the attempt made while the host starts may take.</summary>
    public static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly RenderHooksStorage _storage;
    private readonly bool _createIfNotExists;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StorageProvisioner> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StorageProvisioner(
        RenderHooksStorage storage, IOptions<StorageProvisioningOptions> options, TimeProvider timeProvider, ILogger<StorageProvisioner> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _storage = storage;
        _createIfNotExists = options.Value.CreateIfNotExists;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Completes once the queues and tables exist (or, with creation off, none is found missing), so a consumer does not poll a queue that is not there yet.</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var firstAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            firstAttempt.CancelAfter(FirstAttemptTimeout);
            try
            {
                await ProvisionAsync(firstAttempt.Token);
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not reachable yet: the background attempts below say so and keep trying.
            }

            // Something missing, with creation off: the background attempts below name it and keep checking.
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
                var missing = await ProvisionAsync(stoppingToken);
                if (missing.Count == 0)
                {
                    return;
                }

                Missing(_logger, string.Join(", ", missing), delay);
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

    /// <summary>Creates what is missing, or with creation off finds it; returns what is missing (none: ready).</summary>
    private async Task<IReadOnlyList<string>> ProvisionAsync(CancellationToken cancellationToken)
    {
        var names = _storage.Names;
        if (_createIfNotExists)
        {
            await _storage.CreateIfNotExistsAsync(cancellationToken);
            Created(_logger, names.DeliveriesQueue, names.EventsQueue, names.JobsTable, names.DeliveriesTable, names.PayloadsContainer);
        }
        else
        {
            var missing = await _storage.FindMissingAsync(cancellationToken);
            if (missing.Count > 0)
            {
                return missing;
            }

            Found(_logger, names.DeliveriesQueue, names.PoisonQueue, names.EventsQueue, names.JobsTable, names.DeliveriesTable, names.PayloadsContainer);
        }

        _ready.TrySetResult();
        return [];
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Storage ready: queues {DeliveriesQueue}, {EventsQueue}; tables {JobsTable}, {DeliveriesTable}; container {PayloadsContainer}")]
    private static partial void Created(ILogger logger, string deliveriesQueue, string eventsQueue, string jobsTable, string deliveriesTable, string payloadsContainer);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Storage at {QueueServiceUri} is not reachable yet ({ErrorType}); creating the queues and tables again in {RetryDelay}")]
    private static partial void NotReachable(ILogger logger, Uri queueServiceUri, string errorType, TimeSpan retryDelay);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Storage ready, creation off (RenderHooks:Storage:CreateIfNotExists is false): none of queues {DeliveriesQueue}, {PoisonQueue}, {EventsQueue} and tables {JobsTable}, {DeliveriesTable} and container {PayloadsContainer} is missing")]
    private static partial void Found(ILogger logger, string deliveriesQueue, string poisonQueue, string eventsQueue, string jobsTable, string deliveriesTable, string payloadsContainer);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Storage creation is off (RenderHooks:Storage:CreateIfNotExists is false) and these do not exist: {Missing}. Create them (the Azure deployment does) or set RenderHooks:Storage:CreateIfNotExists to true; checking again in {RetryDelay}")]
    private static partial void Missing(ILogger logger, string missing, TimeSpan retryDelay);
}
