using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Health;

namespace RenderHooks.Functions.Health;

/// <summary>
/// <c>GET /api/health/details</c> behind a function key: the health report with the backlog and storage's errors. A
/// route of its own because the host checks keys per function, by its authorization level.
/// </summary>
public sealed class HealthDetails(HealthMonitor monitor)
{
    [Function(nameof(HealthDetails))]
    public Task<JsonHttpResult<HealthReport>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health/details")] HttpRequest request,
        CancellationToken cancellationToken) =>
        monitor.GetDetailsAsync(cancellationToken);
}
