namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// The real clock, set forward by the test: timers, delays, timeouts and <c>Retry-After</c> waits run in real time (so a
/// status call really times out), while the time of day jumps when the test says minutes have passed (so rescheduled
/// jobs fall due and back-offs end without waiting for them).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
