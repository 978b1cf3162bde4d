using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Health;

namespace RenderHooks.Server.Health;

/// <summary><c>GET /api/health</c>: 200 when queue and table storage answer, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/health", CheckAsync).WithName("Health");
        return api;
    }

    private static async Task<JsonHttpResult<HealthReport>> CheckAsync(HealthProbe probe, CancellationToken cancellationToken) =>
        (await probe.CheckAsync(cancellationToken)).ToHttpResult();
}
