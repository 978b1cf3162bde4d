using Azure.Data.Tables;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>Reads job records for the management API.</summary>
public sealed class JobQueries
{
    private readonly RenderHooksStorage _storage;
    private readonly DeliveryArchive _archive;

    internal JobQueries(RenderHooksStorage storage, DeliveryArchive archive)
    {
        _storage = storage;
        _archive = archive;
    }

    /// <returns>The job, or null when the provider or the job is unknown, or the id is not one a job can have (<see cref="JobIdRules"/>).</returns>
    public async Task<JobView?> GetAsync(string? provider, string? jobId, CancellationToken cancellationToken = default)
    {
        if (!ProviderNames.TryNormalize(provider, out var name) || jobId is null || !JobIdRules.TryValidate(jobId, "jobId", out var id, out _))
        {
            return null;
        }

        var (partitionKey, rowKey) = JobKeys.Job(name, id);
        var entity = await _storage.JobsTable.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).NameFailures(_storage.JobsTable);
        if (!entity.HasValue)
        {
            return null;
        }

        var job = JobEntityMapper.FromEntity(entity.Value!);
        var deliveries = await _archive.CountAsync(job.Provider, job.JobId, cancellationToken);
        return JobViews.From(job, deliveries);
    }
}
