using System.Globalization;
using RenderHooks.Listing;
using RenderHooks.Processing;
using RenderHooks.Providers;

namespace RenderHooks.Deliveries;

/// <summary>
/// What <c>GET /api/deliveries</c> asks for: flagged deliveries (<see cref="FlaggedDeliveryIndex"/>), optionally of one
/// outcome and one provider, received at or after <see cref="Since"/>, newest first, <see cref="Limit"/> a page.
/// </summary>
public sealed record DeliveryListQuery
{
    /// <summary>The outcomes a listing can ask for, as the parameter spells them.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        [.. Enum.GetNames<ProcessingOutcome>().Select(n => n.ToLowerInvariant())];

    public ProcessingOutcome? Outcome { get; init; }

    public string? Provider { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int Limit { get; init; } = ListParameters.DefaultLimit;

    /// <summary>Reads the query parameters as sent (null when absent); names the first that is wrong and what it must be.</summary>
    public static bool TryParse(string? outcome, string? provider, string? since, string? limit, out DeliveryListQuery query, out ListProblem? problem)
    {
        query = new DeliveryListQuery();
        if (!ListParameters.TryParseChoice("outcome", outcome, Outcomes, out var outcomeName, out problem)
            || !ListParameters.TryParseChoice("provider", provider, ProviderNames.All, out var providerName, out problem)
            || !ListParameters.TryParseSince(since, out var sinceTime, out problem)
            || !ListParameters.TryParseLimit(limit, out var pageSize, out problem))
        {
            return false;
        }

        query = new DeliveryListQuery
        {
            Outcome = outcomeName is null ? null : Enum.Parse<ProcessingOutcome>(outcomeName, ignoreCase: true),
            Provider = providerName,
            Since = sinceTime,
            Limit = pageSize,
        };
        return true;
    }

    /// <summary>The query as its parameters spell it (absent ones left out), in a fixed order: a cursor is bound to it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToParameters()
    {
        var parameters = new List<KeyValuePair<string, string>>(4);
        if (Outcome is { } outcome)
        {
            parameters.Add(new("outcome", outcome.ToString().ToLowerInvariant()));
        }

        if (Provider is not null)
        {
            parameters.Add(new("provider", Provider));
        }

        if (Since is { } since)
        {
            parameters.Add(new("since", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)));
        }

        parameters.Add(new("limit", Limit.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    internal string ToCursorText() => "deliveries?" + string.Join('&', ToParameters().Select(p => p.Key + "=" + p.Value));
}
