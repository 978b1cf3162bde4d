using System.Diagnostics;

namespace RenderHooks.LoadBench;

/// <summary>
/// CPU used by Azurite, the server (or the Functions host with its worker) and this benchmark over a window, in % of one core (read from /proc through
/// <see cref="Process.TotalProcessorTime"/>): it shows which process is the bottleneck.
/// </summary>
internal sealed class CpuMeter(Func<int?> azuritePid, Func<int?> serverPid)
{
    public Window Start() => new(this, Stopwatch.GetTimestamp(), Sample());

    private (TimeSpan Azurite, TimeSpan Server, TimeSpan Bench) Sample() =>
        (Read(azuritePid(), withDescendants: true), Read(serverPid(), withDescendants: true), Read(Environment.ProcessId, withDescendants: false));

    /// <summary>A process's CPU time, with its descendants' if asked (a Functions host's work is mostly its worker's; the bench's descendants are the others).</summary>
    private static TimeSpan Read(int? pid, bool withDescendants)
    {
        if (pid is not { } id)
        {
            return TimeSpan.Zero;
        }

        return withDescendants ? ProcessTree.Descendants(id).Aggregate(Own(id), (sum, child) => sum + Own(child)) : Own(id);

        static TimeSpan Own(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return process.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return TimeSpan.Zero; // The process is gone.
            }
        }
    }

    /// <summary>One measuring window, from <see cref="Start"/> to <see cref="Stop"/>.</summary>
    internal sealed class Window(CpuMeter meter, long started, (TimeSpan Azurite, TimeSpan Server, TimeSpan Bench) before)
    {
        public CpuUse Stop()
        {
            var after = meter.Sample();
            var wall = Stopwatch.GetElapsedTime(started);
            return new CpuUse(
                (after.Azurite - before.Azurite) / wall * 100,
                (after.Server - before.Server) / wall * 100,
                (after.Bench - before.Bench) / wall * 100);
        }
    }
}

/// <summary>% of one core used by each process over a window.</summary>
internal sealed record CpuUse(double Azurite, double Server, double Bench)
{
    public override string ToString() => $"{Azurite:F0} / {Server:F0} / {Bench:F0}";
}
