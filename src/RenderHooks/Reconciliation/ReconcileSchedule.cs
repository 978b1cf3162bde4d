using System.Diagnostics.CodeAnalysis;
using NCrontab;

namespace RenderHooks.Reconciliation;

/// <summary>
/// An NCRONTAB schedule with seconds (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), in UTC, parsed by the
/// same library as the Functions host's timer trigger, so both hosts fire at the same moments.
/// </summary>
public sealed class ReconcileSchedule
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };
    private readonly CrontabSchedule _schedule;

    private ReconcileSchedule(CrontabSchedule schedule, string expression)
    {
        _schedule = schedule;
        Expression = expression;
    }

    public string Expression { get; }

    public static bool TryParse(string? expression, [NotNullWhen(true)] out ReconcileSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        var trimmed = expression.Trim();
        var parsed = CrontabSchedule.TryParse(trimmed, WithSeconds);
        if (parsed is null)
        {
            return false;
        }

        schedule = new ReconcileSchedule(parsed, trimmed);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        var next = _schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
