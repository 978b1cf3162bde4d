using Azure;
using Azure.Data.Tables;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>
/// Reads and conditionally writes job rows, keeping the due-date index in step with <see cref="JobRecord.NextCheckAt"/>:
/// the new index row is written before the job, the old one removed after it. Writes are insert-or-409 and
/// replace-if-ETag-matches; a false return means someone else wrote first — read again and decide again.
/// </summary>
internal sealed class JobStore(RenderHooksStorage storage, DueIndex dueIndex)
{
    public async Task<JobRecord?> ReadAsync(string provider, string jobId, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = JobKeys.Job(provider, jobId);
        var entity = await storage.JobsTable.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).NameFailures(storage.JobsTable);
        return entity.HasValue ? JobEntityMapper.FromEntity(entity.Value!) : null;
    }

    /// <returns>False when the job already exists (409).</returns>
    public async Task<bool> TryInsertAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await IndexNextCheckAsync(job, cancellationToken);
        try
        {
            var added = await storage.JobsTable.AddEntityAsync(JobEntityMapper.ToEntity(job), cancellationToken).NameFailures(storage.JobsTable);
            job.ETag = added.Headers.ETag.GetValueOrDefault();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }

        job.StoredNextCheckAt = job.NextCheckAt;
        return true;
    }

    /// <returns>False when the row changed since it was read (412) or is gone (404).</returns>
    public async Task<bool> TryReplaceAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await IndexNextCheckAsync(job, cancellationToken);
        try
        {
            var replaced = await storage.JobsTable.UpdateEntityAsync(JobEntityMapper.ToEntity(job), job.ETag, TableUpdateMode.Replace, cancellationToken).NameFailures(storage.JobsTable);
            job.ETag = replaced.Headers.ETag.GetValueOrDefault();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }

        var previous = job.StoredNextCheckAt;
        job.StoredNextCheckAt = job.NextCheckAt;
        if (previous is { } old && old != job.NextCheckAt)
        {
            try
            {
                await dueIndex.RemoveAsync(new DueEntry(job.Provider, job.JobId, old), cancellationToken);
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
            {
                // The job is written; the old row is only a stale hint now, removed when reconciliation reads it.
            }
        }

        return true;
    }

    private async Task IndexNextCheckAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (job.NextCheckAt is not { } next)
        {
            return;
        }

        next = DueIndex.ToIndexPrecision(next);
        job.NextCheckAt = next;
        if (next != job.StoredNextCheckAt)
        {
            await dueIndex.AddAsync(job.Provider, job.JobId, next, cancellationToken);
        }
    }
}
