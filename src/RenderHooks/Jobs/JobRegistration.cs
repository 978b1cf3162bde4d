namespace RenderHooks.Jobs;

/// <summary>A submitted job, as <c>POST /api/jobs</c> registers it.</summary>
/// <param name="Provider">A <see cref="Providers.ProviderNames"/> constant.</param>
/// <param name="JobId">PhantomFlow <c>job_id</c> or JSON2Video <c>project</c>.</param>
/// <param name="Reference">The caller's own reference (an order id), carried by the job's later events.</param>
public sealed record JobRegistration(string Provider, string JobId, string? Reference);
