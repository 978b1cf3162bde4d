using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Health;

namespace RenderHooks.AspNetCore;

/// <summary>The health answer: the report, with 200 when storage answers and 503 otherwise.</summary>
public static class HealthHttpResults
{
    public static JsonHttpResult<HealthReport> ToHttpResult(this HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TypedResults.Json(report, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
