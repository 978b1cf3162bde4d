namespace RenderHooks.Listing;

/// <summary>One page of a management listing: at most the page size of items, and the cursor of the next page, if any.</summary>
/// <typeparam name="T">What is listed.</typeparam>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? Cursor);
