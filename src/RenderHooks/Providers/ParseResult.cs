using System.Diagnostics.CodeAnalysis;

namespace RenderHooks.Providers;

/// <summary>The outcome of parsing one webhook body: a report, or a reason it could not be read.</summary>
public sealed class ParseResult
{
    private ParseResult(RenderReport? report, string? reason)
    {
        Report = report;
        Reason = reason;
    }

    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Report is not null;

    public RenderReport? Report { get; }

    /// <summary>Short English explanation; may name a field, never contains the payload.</summary>
    public string? Reason { get; }

    public static ParseResult Success(RenderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ParseResult(report, null);
    }

    public static ParseResult Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ParseResult(null, reason);
    }
}
