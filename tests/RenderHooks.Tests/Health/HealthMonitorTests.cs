using Microsoft.Extensions.Time.Testing;
using RenderHooks.Health;

namespace RenderHooks.Tests.Health;

public sealed class HealthMonitorTests
{
    private static readonly HealthReport Healthy = new() { Status = "healthy", Queues = "ok", Tables = "ok", Blobs = "ok", DeliveriesWaiting = 0, PoisonMessages = 0 };
    private static readonly HealthReport Unhealthy = new() { Status = "unhealthy", Queues = "storage answered 403 AuthorizationFailure", Tables = "ok", Blobs = "ok" };

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ManyCallersWhileAProbeRuns_ShareThatOneProbe()
    {
        var probe = new ControlledProbe();
        var monitor = new HealthMonitor(probe.CheckAsync, _time);

        var callers = Enumerable.Range(0, 400).Select(_ => monitor.GetReportAsync()).ToList();
        await probe.Started.Task;
        probe.Answer(Healthy);
        var reports = await Task.WhenAll(callers);

        Assert.Equal(1, probe.Calls);
        Assert.All(reports, r => Assert.Same(Healthy, r));
    }

    [Fact]
    public async Task HealthyReport_KeptForFiveSeconds_ThenStorageAskedAgain()
    {
        var probe = new ControlledProbe(Healthy);
        var monitor = new HealthMonitor(probe.CheckAsync, _time);

        await monitor.GetReportAsync();
        _time.Advance(HealthMonitor.HealthyFor - TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 100; i++)
        {
            await monitor.GetReportAsync();
        }

        Assert.Equal(1, probe.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await monitor.GetReportAsync();
        await monitor.GetReportAsync();
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public async Task UnhealthyReport_KeptForOneSecond_SoRecoveryShowsSoon()
    {
        var probe = new ControlledProbe(Unhealthy);
        var monitor = new HealthMonitor(probe.CheckAsync, _time);

        Assert.Same(Unhealthy, await monitor.GetReportAsync());
        _time.Advance(HealthMonitor.UnhealthyFor - TimeSpan.FromMilliseconds(1));
        await monitor.GetReportAsync();
        Assert.Equal(1, probe.Calls);

        probe.Next = Healthy;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Same(Healthy, await monitor.GetReportAsync());
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public async Task ProbeThatThrows_NotKept_NextCallerAsksAgain()
    {
        var probe = new ControlledProbe(Healthy) { Throw = true };
        var monitor = new HealthMonitor(probe.CheckAsync, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => monitor.GetReportAsync());
        probe.Throw = false;

        Assert.Same(Healthy, await monitor.GetReportAsync());
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public async Task CallerGivesUp_TheSharedProbeGoesOn()
    {
        var probe = new ControlledProbe();
        var monitor = new HealthMonitor(probe.CheckAsync, _time);
        using var cancel = new CancellationTokenSource();

        var impatient = monitor.GetReportAsync(cancel.Token);
        var patient = monitor.GetReportAsync();
        await probe.Started.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        probe.Answer(Healthy);

        Assert.Same(Healthy, await patient);
        Assert.Equal(1, probe.Calls);
    }

    /// <summary>A probe that answers when told, or at once with <see cref="Next"/>; counts its calls.</summary>
    private sealed class ControlledProbe(HealthReport? next = null)
    {
        private readonly TaskCompletionSource<HealthReport> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HealthReport? Next { get; set; } = next;

        public bool Throw { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public void Answer(HealthReport report) => _answer.SetResult(report);

        public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Started.TrySetResult();
            if (Throw)
            {
                throw new InvalidOperationException("probe failed");
            }

            return Next is { } report ? Task.FromResult(report) : _answer.Task;
        }
    }
}
