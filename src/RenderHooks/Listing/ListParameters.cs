using System.Globalization;

namespace RenderHooks.Listing;

/// <summary>
/// The query parameters the listings share: <c>limit</c> (page size, 1–<see cref="MaxLimit"/>, default
/// <see cref="DefaultLimit"/>), <c>cursor</c> (the <c>next</c> link's, opaque) and <c>since</c> (an ISO 8601 instant;
/// without an offset it is UTC).
/// </summary>
public static class ListParameters
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    /// <summary>Longer cursors are refused before they are decoded: every cursor the listings hand out is far shorter.</summary>
    public const int MaxCursorLength = 4096;

    public static bool TryParseLimit(string? value, out int limit, out ListProblem? problem)
    {
        problem = null;
        limit = DefaultLimit;
        if (value is null)
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit)
        {
            problem = new ListProblem("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            return false;
        }

        return true;
    }

    public static bool TryParseSince(string? value, out DateTimeOffset? since, out ListProblem? problem)
    {
        problem = null;
        since = null;
        if (value is null)
        {
            return true;
        }

        // ISO 8601 only (a date, or a date and time with or without an offset), not whatever the current culture reads.
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        if (!DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            problem = new ListProblem("since", "since must be an ISO 8601 date or instant, such as 2026-12-01 or 2026-12-01T08:00:00Z.");
            return false;
        }

        since = parsed;
        return true;
    }

    /// <summary>Reads a value that must be one of <paramref name="allowed"/> (any letter case), naming them all when it is not.</summary>
    public static bool TryParseChoice(string parameter, string? value, IReadOnlyList<string> allowed, out string? choice, out ListProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        problem = null;
        choice = null;
        if (value is null)
        {
            return true;
        }

        choice = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (choice is null)
        {
            problem = new ListProblem(parameter, $"{parameter} must be one of: {string.Join(", ", allowed)}.");
            return false;
        }

        return true;
    }
}
