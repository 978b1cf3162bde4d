using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RenderHooks.Reconciliation;

/// <summary>
/// Says at start, per provider, whether its jobs are reconciled, and if not which settings turn it on: without them
/// jobs stay unverified, and runs with nothing to do log only at Debug.
/// </summary>
internal sealed partial class ReconciliationStartupLog(ReconciliationSettings settings, ILogger<ReconciliationStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (provider, reconciliation) in settings.Providers)
        {
            if (reconciliation.Enabled)
            {
                On(logger, provider);
            }
            else
            {
                Off(logger, provider, string.Join(" and ", reconciliation.MissingSettings ?? []));
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5018, Level = LogLevel.Information, Message = "Reconciliation of {Provider} jobs is on: their status API confirms each reported job and recovers registered ones")]
    private static partial void On(ILogger logger, string provider);

    [LoggerMessage(EventId = 5019, Level = LogLevel.Warning, Message = "Reconciliation of {Provider} jobs is off: webhooks are received, but no job is verified or recovered. Set {Settings} to turn it on")]
    private static partial void Off(ILogger logger, string provider, string settings);
}
