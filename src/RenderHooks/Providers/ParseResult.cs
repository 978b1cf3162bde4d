using System.Diagnostics.CodeAnalysis;

namespace RenderHooks.Providers;

/// <summary>The outcome of parsing one webhook body: a report, or a reason it could not be read.</summary>
public sealed class ParseResult
{
    private ParseResult(RenderReport? report, string? reason, string? note)
    {
        Report = report;
        Reason = reason;
        Note = note;
    }

    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Report is not null;

    public RenderReport? Report { get; }

    /// <summary>Short English explanation; may name a field, never contains the payload.</summary>
    public string? Reason { get; }

    /// <summary>
    /// On success, what of the payload was left out (odd client data that costs the delivery nothing), in the same
    /// short English as <see cref="Reason"/>; archived with the delivery. Null when everything was read.
    /// </summary>
    public string? Note { get; }

    public static ParseResult Success(RenderReport report, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ParseResult(report, null, string.IsNullOrWhiteSpace(note) ? null : note);
    }

    public static ParseResult Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ParseResult(null, reason, null);
    }
}
