namespace RenderHooks.Listing;

/// <summary>A listing's answer: a page, or the problem with the query's parameters (answered 400).</summary>
/// <typeparam name="T">What is listed.</typeparam>
public sealed record ListResult<T>
{
    public ListPage<T>? Page { get; private init; }

    public ListProblem? Problem { get; private init; }

    internal static ListResult<T> Of(ListPage<T> page) => new() { Page = page };

    internal static ListResult<T> Refused(ListProblem problem) => new() { Problem = problem };
}
