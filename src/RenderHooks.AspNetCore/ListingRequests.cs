using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Listing;

namespace RenderHooks.AspNetCore;

/// <summary>
/// <c>GET /api/deliveries</c> and <c>GET /api/jobs</c> in both hosts: the query string read strictly (an unknown or
/// repeated parameter, or a value out of its set, is a 400 problem naming the parameter and what it may be), then a
/// page with the link to the next. <c>code</c>, the Functions key in a query, is let through and never echoed.
/// </summary>
public static class ListingRequests
{
    private const string FunctionKeyParameter = "code";

    private const int MaxShownName = 64;

    private static readonly string[] DeliveryParameters = ["outcome", "provider", "since", "limit", "cursor"];

    private static readonly string[] JobParameters = ["state", "provider", "limit", "cursor"];

    public static async Task<Results<Ok<ListAnswer<DeliverySummary>>, ProblemHttpResult>> ListFromQueryAsync(
        this DeliveryListing listing, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(request);
        if (!TryRead(request.Query, DeliveryParameters, out var values, out var problem)
            || !DeliveryListQuery.TryParse(values["outcome"], values["provider"], values["since"], values["limit"], out var query, out problem))
        {
            return ToProblem(problem!);
        }

        var result = await listing.ListAsync(query, values["cursor"], cancellationToken);
        return result.Problem is { } refused ? ToProblem(refused) : ToAnswer(request, result.Page!, query.ToParameters());
    }

    public static async Task<Results<Ok<ListAnswer<JobSummary>>, ProblemHttpResult>> ListFromQueryAsync(
        this JobListing listing, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(request);
        if (!TryRead(request.Query, JobParameters, out var values, out var problem)
            || !JobListQuery.TryParse(values["state"], values["provider"], values["limit"], out var query, out problem))
        {
            return ToProblem(problem!);
        }

        var result = await listing.ListAsync(query, values["cursor"], cancellationToken);
        return result.Problem is { } refused ? ToProblem(refused) : ToAnswer(request, result.Page!, query.ToParameters());
    }

    private static bool TryRead(IQueryCollection query, string[] known, out Dictionary<string, string?> values, out ListProblem? problem)
    {
        values = known.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        problem = null;
        foreach (var (name, value) in query)
        {
            if (string.Equals(name, FunctionKeyParameter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameter = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                // The name only (never a value), cut short and in printable ASCII: it is the caller's text.
                var shown = new string([.. name.Take(MaxShownName).Where(c => c is >= ' ' and <= '~')]);
                problem = new ListProblem(shown, $"{shown} is not a parameter of this route; the parameters are: {string.Join(", ", known)}.");
                return false;
            }

            if (value.Count != 1 || values[parameter] is not null)
            {
                problem = new ListProblem(parameter, $"{parameter} may be given once.");
                return false;
            }

            values[parameter] = value.ToString();
        }

        return true;
    }

    private static Ok<ListAnswer<T>> ToAnswer<T>(HttpRequest request, ListPage<T> page, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string? next = null;
        if (page.Cursor is { } cursor)
        {
            var query = QueryString.Create(parameters.Append(new("cursor", cursor)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            next = (request.PathBase + request.Path + query).ToString();
        }

        return TypedResults.Ok(new ListAnswer<T>(page.Items, next));
    }

    private static ProblemHttpResult ToProblem(ListProblem problem) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Bad Request",
            detail: problem.Detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = problem.Parameter });
}
