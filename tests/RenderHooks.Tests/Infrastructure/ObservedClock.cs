using Microsoft.Extensions.Time.Testing;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records every wait scheduled on it (a timer's due time, when it is created or
/// changed), so a test can wait until the code under test is waiting — on this clock, for the expected time — before
/// moving the clock: no sleep, and no race with a machine that happens to be slow.
/// </summary>
public sealed class ObservedClock : FakeTimeProvider
{
    private readonly List<TimeSpan> _scheduled = [];

    public ObservedClock()
    {
    }

    public ObservedClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How many waits were scheduled so far: pass it as <c>since</c> to look only at later ones.</summary>
    public int Mark
    {
        get
        {
            lock (_scheduled)
            {
                return _scheduled.Count;
            }
        }
    }

    /// <summary>Every due time scheduled so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Scheduled
    {
        get
        {
            lock (_scheduled)
            {
                return [.. _scheduled];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        return new ObservedTimer(timer, this);
    }

    /// <summary>Waits until a wait <paramref name="match"/> accepts is scheduled (after the first <paramref name="since"/>); returns its due time.</summary>
    public async Task<TimeSpan> WaitForWaitAsync(Func<TimeSpan, bool> match, string what, int since = 0)
    {
        var found = await Eventually.GetAsync(
            () => Task.FromResult(Scheduled.Skip(since).Where(match).Select(d => (TimeSpan?)d).FirstOrDefault()),
            due => due is not null,
            what);
        return found!.Value;
    }

    /// <summary>Waits until a wait of exactly <paramref name="dueTime"/> is scheduled (after the first <paramref name="since"/>).</summary>
    public Task<TimeSpan> WaitForWaitAsync(TimeSpan dueTime, string what, int since = 0) => WaitForWaitAsync(d => d == dueTime, what, since);

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_scheduled)
            {
                _scheduled.Add(dueTime);
            }
        }
    }

    private sealed class ObservedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
