using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// What the host's log says about its timer functions: the schedule each runs on, as the host parsed it ("The
/// 'ReconcileJobs' timer is using the schedule 'Cron: '…''"), and when it fired each of them ("Executing
/// 'Functions.ReconcileJobs' (Reason='Timer fired at …', Id=…)"). The host logs each line twice (console and system
/// log), so firings are told apart by invocation id. Sub-minute schedules keep no status blob in storage
/// (<c>UseMonitor</c> is off for them), so the log is the host's only record.
/// </summary>
public sealed partial class TimerLog
{
    private readonly ConcurrentDictionary<string, string> _schedules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Function, DateTimeOffset At)> _firings = new(StringComparer.Ordinal);

    /// <summary>Reads one line of the host's output.</summary>
    public void Observe(string line)
    {
        if (Fired().Match(line) is { Success: true } fired)
        {
            _firings.TryAdd(
                fired.Groups["id"].Value,
                (fired.Groups["function"].Value, DateTimeOffset.Parse(fired.Groups["at"].Value, CultureInfo.InvariantCulture)));
        }
        else if (Scheduled().Match(line) is { Success: true } scheduled)
        {
            _schedules[scheduled.Groups["function"].Value] = scheduled.Groups["schedule"].Value;
        }
    }

    /// <summary>The schedule the host said it uses for <paramref name="function"/>, e.g. <c>Cron: '0,2,4,… * * * * *'</c>.</summary>
    public string? Schedule(string function) => _schedules.GetValueOrDefault(function);

    /// <summary>When the host fired <paramref name="function"/>'s timer, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Firings(string function) =>
        [.. _firings.Values.Where(f => f.Function == function).Select(f => f.At).Order()];

    [GeneratedRegex(@"Executing 'Functions\.(?<function>[^']+)' \(Reason='Timer fired at (?<at>[^']+)', Id=(?<id>[0-9a-fA-F-]+)\)")]
    private static partial Regex Fired();

    [GeneratedRegex(@"The '(?<function>[^']+)' timer is using the schedule '(?<schedule>.+)' and the local time zone")]
    private static partial Regex Scheduled();
}
