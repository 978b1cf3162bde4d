using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Health;

namespace RenderHooks.Functions.Health;

/// <summary><c>GET /api/health</c>: 200 when queue and table storage answer, 503 otherwise.</summary>
public sealed class HealthCheck(HealthProbe probe)
{
    [Function("Health")]
    public async Task<JsonHttpResult<HealthReport>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await probe.CheckAsync(cancellationToken)).ToHttpResult();
}
