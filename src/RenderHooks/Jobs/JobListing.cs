using Azure.Data.Tables;
using RenderHooks.Listing;
using RenderHooks.Providers;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>
/// Lists jobs by state for the management API and the tool, one storage query a page:
/// <list type="bullet">
/// <item><c>overdue</c> reads the due-date index (<see cref="DueIndex"/>) up to now — only rows already due — then
/// reads each listed job by its keys; a row the job no longer matches (left by a crash, reconciliation removes it) is
/// left out, so a page can hold fewer jobs than asked.</item>
/// <item><c>unknown-to-provider</c> is a filter on the jobs' <c>Verification</c>, which the Table service applies while
/// reading the provider's partition: no index, so its cost follows the number of the provider's jobs (each page is one
/// request, which the service ends after 1,000 rows or 5 seconds; a page can be empty and still have a next one).</item>
/// </list>
/// </summary>
public sealed class JobListing
{
    private static readonly string[] SummaryColumns =
        ["Provider", "JobId", "Status", "Source", "Verification", "Reference", "ProviderState", "ReceivedAt", "RegisteredAt", "LastCheckedAt", "CheckCount", "NextCheckAt", "UpdatedAt"];

    private readonly RenderHooksStorage _storage;
    private readonly TimeProvider _timeProvider;

    internal JobListing(RenderHooksStorage storage, TimeProvider timeProvider)
    {
        _storage = storage;
        _timeProvider = timeProvider;
    }

    /// <param name="query">What to list.</param>
    /// <param name="cursor">The previous page's cursor, or null for the first page.</param>
    /// <param name="cancellationToken">Cancels the storage requests.</param>
    public async Task<ListResult<JobSummary>> ListAsync(JobListQuery query, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<string> providers = query.Provider is { } provider ? [provider] : ProviderNames.All;
        var overdue = query.State == JobListStates.Overdue;
        return await TablePages.ListAsync(
            _storage.JobsTable,
            query.ToCursorText(),
            cursor,
            overdue ? DueFilter(providers) : UnknownFilter(providers),
            query.Limit,
            overdue ? ["PartitionKey", "RowKey", "JobId"] : SummaryColumns,
            rows => overdue ? ReadOverdueAsync(rows, cancellationToken) : Task.FromResult(Summaries(rows)),
            cancellationToken);
    }

    private static IReadOnlyList<JobSummary> Summaries(IReadOnlyList<TableEntity> rows) =>
        [.. rows.Select(row => JobSummary.From(JobEntityMapper.FromEntity(row)))];

    private static string UnknownFilter(IReadOnlyList<string> providers) =>
        "(" + string.Join(" or ", providers.Select(p => TableClient.CreateQueryFilter($"PartitionKey eq {p}"))) + ") and "
        + TableClient.CreateQueryFilter($"Verification eq {JobVerification.UnknownToProvider}");

    private string DueFilter(IReadOnlyList<string> providers)
    {
        // As reconciliation reads them (DueIndex.ReadDueAsync): every row due at or before now, to the second.
        var upperBound = DueIndex.UpperBound(_timeProvider.GetUtcNow());
        return string.Join(" or ", providers.Select(p => "(" + TableClient.CreateQueryFilter($"PartitionKey eq {DueIndex.Partition(p)} and RowKey lt {upperBound}") + ")"));
    }

    private async Task<IReadOnlyList<JobSummary>> ReadOverdueAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken) =>
        [.. (await Task.WhenAll(rows.Select(row => ReadOverdueAsync(row, cancellationToken)))).OfType<JobSummary>()];

    private async Task<JobSummary?> ReadOverdueAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var provider = row.PartitionKey[DueIndex.PartitionPrefix.Length..];
        if (!DueIndex.TryParse(provider, row, out var entry))
        {
            return null;
        }

        var (partitionKey, rowKey) = JobKeys.Job(provider, entry.JobId);
        var found = await _storage.JobsTable.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, SummaryColumns, cancellationToken).NameFailures(_storage.JobsTable);
        if (!found.HasValue)
        {
            return null;
        }

        var job = JobEntityMapper.FromEntity(found.Value!);
        return job.NextCheckAt == entry.DueAt ? JobSummary.From(job) : null;
    }
}
