namespace RenderHooks.Bench;

/// <summary>A clock the benchmark sets, so it can register some jobs "ten minutes ago" and the rest now.</summary>
internal sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
