using System.Globalization;
using RenderHooks.Listing;
using RenderHooks.Providers;

namespace RenderHooks.Jobs;

/// <summary>What <c>GET /api/jobs</c> asks for: jobs in one <see cref="JobListStates">state</see>, optionally of one provider, <see cref="Limit"/> a page.</summary>
public sealed record JobListQuery
{
    public required string State { get; init; }

    public string? Provider { get; init; }

    public int Limit { get; init; } = ListParameters.DefaultLimit;

    /// <summary>Reads the query parameters as sent (null when absent); names the first that is wrong and what it must be.</summary>
    public static bool TryParse(string? state, string? provider, string? limit, out JobListQuery query, out ListProblem? problem)
    {
        query = new JobListQuery { State = JobListStates.Overdue };
        if (state is null)
        {
            problem = new ListProblem("state", $"state is required: one of {string.Join(", ", JobListStates.All)}.");
            return false;
        }

        if (!ListParameters.TryParseChoice("state", state, JobListStates.All, out var stateName, out problem)
            || !ListParameters.TryParseChoice("provider", provider, ProviderNames.All, out var providerName, out problem)
            || !ListParameters.TryParseLimit(limit, out var pageSize, out problem))
        {
            return false;
        }

        query = new JobListQuery { State = stateName!, Provider = providerName, Limit = pageSize };
        return true;
    }

    /// <summary>The query as its parameters spell it (absent ones left out), in a fixed order: a cursor is bound to it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToParameters()
    {
        var parameters = new List<KeyValuePair<string, string>>(3) { new("state", State) };
        if (Provider is not null)
        {
            parameters.Add(new("provider", Provider));
        }

        parameters.Add(new("limit", Limit.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    internal string ToCursorText() => "jobs?" + string.Join('&', ToParameters().Select(p => p.Key + "=" + p.Value));
}
