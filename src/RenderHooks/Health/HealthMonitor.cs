namespace RenderHooks.Health;

/// <summary>
/// What <c>/api/health</c> answers from: the last <see cref="HealthProbe"/> report, kept for <see cref="HealthyFor"/>
/// (<see cref="UnhealthyFor"/> while storage fails, so recovery shows soon), with one probe in flight at a time — callers
/// that come while one runs share its report. However often the route is called, storage sees at most one probe (four
/// operations) per few seconds: the route is open, and each call used to cost those operations.
/// </summary>
public sealed class HealthMonitor
{
    /// <summary>How long a healthy report is answered before storage is asked again.</summary>
    public static readonly TimeSpan HealthyFor = TimeSpan.FromSeconds(5);

    /// <summary>How long an unhealthy report is answered before storage is asked again.</summary>
    public static readonly TimeSpan UnhealthyFor = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task<HealthReport>> _probe;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private Task<HealthReport>? _report;
    private long _reportedAt;

    public HealthMonitor(HealthProbe probe, TimeProvider timeProvider)
        : this((probe ?? throw new ArgumentNullException(nameof(probe))).CheckAsync, timeProvider)
    {
    }

    internal HealthMonitor(Func<CancellationToken, Task<HealthReport>> probe, TimeProvider timeProvider)
    {
        _probe = probe;
        _timeProvider = timeProvider;
    }

    /// <summary>The current report: the kept one while fresh, else the one being made, else a new probe's.</summary>
    /// <param name="cancellationToken">Stops this caller's wait, not the probe others share.</param>
    public Task<HealthReport> GetReportAsync(CancellationToken cancellationToken = default)
    {
        Task<HealthReport> report;
        lock (_lock)
        {
            if (_report is null || (_report.IsCompleted && IsStale(_report)))
            {
                _report = ProbeAsync();
            }

            report = _report;
        }

        return report.WaitAsync(cancellationToken);
    }

    private bool IsStale(Task<HealthReport> report)
    {
        if (!report.IsCompletedSuccessfully)
        {
            return true;
        }

        var keep = report.Result.IsHealthy ? HealthyFor : UnhealthyFor;
        return _timeProvider.GetElapsedTime(Volatile.Read(ref _reportedAt)) >= keep;
    }

    private async Task<HealthReport> ProbeAsync()
    {
        await Task.Yield(); // the probe runs outside the caller's lock and context
        var report = await _probe(CancellationToken.None); // bounded by the probe's own timeout
        Volatile.Write(ref _reportedAt, _timeProvider.GetTimestamp());
        return report;
    }
}
