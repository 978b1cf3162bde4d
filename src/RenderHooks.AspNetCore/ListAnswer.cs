namespace RenderHooks.AspNetCore;

/// <summary>
/// A page of a management listing as both hosts answer it: the items, and <c>next</c>, the link to the next page (the
/// same parameters and the cursor), absent on the last page. The link carries no key: send it as the first request was sent.
/// </summary>
/// <typeparam name="T">What is listed.</typeparam>
public sealed record ListAnswer<T>(IReadOnlyList<T> Items, string? Next);
