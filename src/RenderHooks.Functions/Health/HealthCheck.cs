using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Health;

namespace RenderHooks.Functions.Health;

/// <summary><c>GET /api/health</c>, anonymous: 200 when queue, table and blob storage answer, 503 otherwise, with the status alone.</summary>
public sealed class HealthCheck(HealthMonitor monitor)
{
    [Function("Health")]
    public Task<JsonHttpResult<HealthSummary>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        monitor.GetSummaryAsync(cancellationToken);
}
