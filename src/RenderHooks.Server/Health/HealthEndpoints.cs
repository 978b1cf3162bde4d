using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Health;
using RenderHooks.Server.Management;

namespace RenderHooks.Server.Health;

/// <summary>
/// <c>GET /api/health</c>, open: 200 when queue, table and blob storage answer, 503 otherwise, with the status alone.
/// <c>GET /api/health/details</c>, behind the management key: the same with the backlog and storage's errors.
/// Both answer from <see cref="HealthMonitor"/>, which asks storage at most once every few seconds.
/// </summary>
internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/health", SummaryAsync).WithName("Health");
        api.MapGet("/health/details", DetailsAsync).WithName("HealthDetails").AddEndpointFilter<ManagementKeyFilter>();
        return api;
    }

    private static Task<JsonHttpResult<HealthSummary>> SummaryAsync(HealthMonitor monitor, CancellationToken cancellationToken) =>
        monitor.GetSummaryAsync(cancellationToken);

    private static Task<JsonHttpResult<HealthReport>> DetailsAsync(HealthMonitor monitor, CancellationToken cancellationToken) =>
        monitor.GetDetailsAsync(cancellationToken);
}
