using Microsoft.Extensions.Options;
using RenderHooks.Storage;
using RenderHooks.Reconciliation;

namespace RenderHooks.Server.Reconciliation;

/// <summary>
/// Runs the reconciler on <c>RenderHooks:Reconcile:Schedule</c>, the NCRONTAB schedule the Functions app's timer
/// trigger reads, in UTC. A run that outlasts its slot makes the scheduler skip to the next occurrence after it ends,
/// as the Functions timer does. Other instances may run at the same moments: the reconciler is safe to overlap.
/// </summary>
internal sealed partial class ReconcileScheduler(
    Reconciler reconciler,
    StorageProvisioner provisioner,
    IOptions<ReconcileOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcileScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ReconcileSchedule.TryParse(options.Value.Schedule, out var schedule))
        {
            return; // unreachable: the options are validated at start
        }

        try
        {
            await provisioner.WaitUntilReadyAsync(stoppingToken);
            Scheduled(logger, schedule.Expression);
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = timeProvider.GetUtcNow();
                var next = schedule.GetNextOccurrence(now);
                await Task.Delay(next - now, timeProvider, stoppingToken);
                try
                {
                    await reconciler.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Never let the schedule die with one run: log and wait for the next occurrence.
                    RunFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Reconciliation scheduled on '{Schedule}' (NCRONTAB, UTC)")]
    private static partial void Scheduled(ILogger logger, string schedule);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "A reconciliation run failed; the next runs on schedule")]
    private static partial void RunFailed(ILogger logger, Exception exception);
}
