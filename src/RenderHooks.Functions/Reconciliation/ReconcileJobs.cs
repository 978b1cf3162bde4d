using Microsoft.Azure.Functions.Worker;
using RenderHooks.Reconciliation;

namespace RenderHooks.Functions.Reconciliation;

/// <summary>
/// Runs reconciliation on the NCRONTAB schedule in the app setting <c>RenderHooks__Reconcile__Schedule</c> (the
/// binding expression reads configuration key <c>RenderHooks:Reconcile:Schedule</c>; without it the host does not load
/// this function and says that the expression does not resolve to a value).
/// </summary>
public sealed class ReconcileJobs(Reconciler reconciler)
{
    [Function(nameof(ReconcileJobs))]
    public Task RunAsync([TimerTrigger("%RenderHooks:Reconcile:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.RunAsync(cancellationToken);
}
