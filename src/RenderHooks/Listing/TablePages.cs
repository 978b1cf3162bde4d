using Azure;
using Azure.Data.Tables;
using RenderHooks.Storage;

namespace RenderHooks.Listing;

/// <summary>
/// One page of a listing's table query, through the SDK's paging: the cursor checked and turned into the Table
/// service's continuation (<see cref="ListCursor"/>), at most <c>limit</c> entities and one request to the Table
/// service, which also ends a page early at its own bounds (1,000 entities, 5 seconds, a partition range), so a page
/// may hold fewer items than asked and still have a next one; its continuation becomes the next page's cursor.
/// </summary>
internal static class TablePages
{
    /// <param name="table">The table queried.</param>
    /// <param name="queryText">The canonical text of the listing's query (<c>ToCursorText</c>), which the cursor is bound to.</param>
    /// <param name="cursor">The previous page's cursor, or null for the first page.</param>
    /// <param name="filter">The Table service filter.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="select">The properties read, or null for all.</param>
    /// <param name="toItems">Makes the listed items of the page's entities.</param>
    /// <param name="cancellationToken">Cancels the storage requests.</param>
    public static async Task<ListResult<T>> ListAsync<T>(
        TableClient table,
        string queryText,
        string? cursor,
        string filter,
        int limit,
        IEnumerable<string>? select,
        Func<IReadOnlyList<TableEntity>, Task<IReadOnlyList<T>>> toItems,
        CancellationToken cancellationToken)
    {
        if (!ListCursor.TryDecode(cursor, queryText, out var continuation, out var problem))
        {
            return ListResult<T>.Refused(problem!);
        }

        Page<TableEntity>? page;
        try
        {
            page = await FirstAsync(table, filter, limit, select, continuation, cancellationToken).NameFailures(table);
        }
        catch (RequestFailedException e) when (continuation is not null && e.Status == 400)
        {
            // The cursor's shape was right (ListCursor) but storage refused the continuation it carried.
            return ListResult<T>.Refused(ListCursor.NotHandedOut);
        }

        var items = page is null ? [] : await toItems(page.Values);
        var next = page?.ContinuationToken is { Length: > 0 } token ? ListCursor.Encode(queryText, token) : null;
        return ListResult<T>.Of(new ListPage<T>(items, next));
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
