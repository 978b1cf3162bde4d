using System.Diagnostics;

namespace RenderHooks.LoadBench;

/// <summary>Percentiles of a set of latencies (nearest rank), in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary FromTicks(IEnumerable<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        return new LatencySummary(sorted.Length, Milliseconds(Rank(sorted, 0.50)), Milliseconds(Rank(sorted, 0.99)), Milliseconds(sorted[^1]));
    }

    private static long Rank(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
