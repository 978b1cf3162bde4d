using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>
/// The due-date index of the jobs table: a partition per provider (<c>~due|{provider}</c>, which no job partition can
/// be) whose row keys start with the due time in ticks, so "every job due by now" is one range query that returns only
/// due rows — reconciliation's cost follows the number of due jobs, never the size of the table.
/// A row is a hint, not the truth: the job row's <c>NextCheckAt</c> is. Writers add the new row before the job changes
/// and remove the old one after, so every scheduled job always has its row; a row left behind by a crash is
/// recognised when read (its time differs from the job's) and removed then.
/// </summary>
internal sealed class DueIndex(RenderHooksStorage storage)
{
    public const string PartitionPrefix = "~due|";

    /// <summary>Due times are kept in whole seconds, so the job row and the index row compare exactly on any store.</summary>
    public static DateTimeOffset ToIndexPrecision(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public static string Partition(string provider) => PartitionPrefix + provider;

    /// <summary>The row key every row due at or before <paramref name="now"/> (to the second) sorts below.</summary>
    public static string UpperBound(DateTimeOffset now) =>
        (ToIndexPrecision(now).UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    public static string RowKey(DateTimeOffset dueAt, string jobId) =>
        dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + TableKey.Encode(jobId);

    public async Task AddAsync(string provider, string jobId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(provider), RowKey(dueAt, jobId))
        {
            ["Provider"] = provider,
            ["JobId"] = jobId,
            ["DueAt"] = dueAt,
        };
        await storage.JobsTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).NameFailures(storage.JobsTable);
    }

    public Task RemoveAsync(DueEntry entry, CancellationToken cancellationToken) =>
        storage.JobsTable.DeleteEntityAsync(Partition(entry.Provider), RowKey(entry.DueAt, entry.JobId), ETag.All, cancellationToken).NameFailures(storage.JobsTable);

    /// <summary>The provider's rows due at or before <paramref name="now"/>, earliest first, read a page at a time.</summary>
    public async IAsyncEnumerable<DueEntry> ReadDueAsync(
        string provider, DateTimeOffset now, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(provider)} and RowKey lt {UpperBound(now)}");
        var rows = storage.JobsTable.QueryAsync<TableEntity>(filter, pageSize, ["RowKey", "JobId"], cancellationToken);
        await foreach (var entity in rows.NameFailures(storage.JobsTable, cancellationToken))
        {
            if (TryParse(provider, entity, out var entry))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Reads an index row; false when its row key is not one the index writes.</summary>
    public static bool TryParse(string provider, TableEntity entity, out DueEntry entry)
    {
        entry = null!;
        var separator = entity.RowKey.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || !long.TryParse(entity.RowKey.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var jobId = entity.ReadString("JobId") ?? TableKey.Decode(entity.RowKey[(separator + 1)..]);
        entry = new DueEntry(provider, jobId, new DateTimeOffset(ticks, TimeSpan.Zero));
        return true;
    }
}
