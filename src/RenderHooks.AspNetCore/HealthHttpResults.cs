using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Health;

namespace RenderHooks.AspNetCore;

/// <summary>The health answers, 200 when storage answers and 503 otherwise: the status alone on the open route, the whole report behind the key.</summary>
public static class HealthHttpResults
{
    /// <summary><c>GET /api/health</c>, open: <c>{"status"}</c> only.</summary>
    public static async Task<JsonHttpResult<HealthSummary>> GetSummaryAsync(this HealthMonitor monitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var report = await monitor.GetReportAsync(cancellationToken);
        return TypedResults.Json(report.ToSummary(), statusCode: StatusCode(report));
    }

    /// <summary><c>GET /api/health/details</c>, behind the management key: the report with the backlog and storage's errors.</summary>
    public static async Task<JsonHttpResult<HealthReport>> GetDetailsAsync(this HealthMonitor monitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var report = await monitor.GetReportAsync(cancellationToken);
        return TypedResults.Json(report, statusCode: StatusCode(report));
    }

    private static int StatusCode(HealthReport report) => report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
}
