namespace RenderHooks.Health;

/// <summary>The open answer of <c>GET /api/health</c>: <c>{"status":"healthy"}</c> or <c>unhealthy</c>, nothing about the backlog or storage's errors.</summary>
/// <param name="Status"><c>healthy</c> or <c>unhealthy</c>.</param>
public sealed record HealthSummary(string Status);
