using Azure;
using Azure.Data.Tables;
using RenderHooks.Storage;

namespace RenderHooks.Listing;

/// <summary>
/// One page of a table query, through the SDK's paging: at most <c>limit</c> entities and one request to the Table
/// service, which also ends a page early at its own bounds (1,000 entities, 5 seconds, a partition range), so a page
/// may hold fewer items than asked and still have a next one.
/// </summary>
internal static class TablePages
{
    public static async Task<(Page<TableEntity>? Page, ListProblem? Problem)> ReadAsync(
        TableClient table, string filter, int limit, IEnumerable<string>? select, string? continuation, CancellationToken cancellationToken)
    {
        try
        {
            return (await FirstAsync(table, filter, limit, select, continuation, cancellationToken).NameFailures(table), null);
        }
        catch (RequestFailedException e) when (continuation is not null && e.Status == 400)
        {
            // The cursor's shape was right (ListCursor) but storage refused the continuation it carried.
            return (null, ListCursor.NotHandedOut);
        }
    }

    private static async Task<Page<TableEntity>?> FirstAsync(
        TableClient table, string filter, int limit, IEnumerable<string>? select, string? continuation, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, limit, select, cancellationToken).AsPages(continuation, limit))
        {
            return page;
        }

        return null;
    }
}
