using System.Diagnostics;

namespace RenderHooks.LoadBench;

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send one request, wait for its answer, send the next. Requests
/// completing during the warm-up are not counted; then every request that completes within the window is
/// (throughput = those completions / window, latency = their send-to-answer times).
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadSample> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<string?>> send, CpuMeter cpu)
    {
        var windowStart = long.MaxValue;
        var windowEnd = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();

        await Task.Delay(warmup, TimeProvider.System, CancellationToken.None);
        var window = cpu.Start();
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowEnd, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref windowStart, start);
        await Task.Delay(duration, TimeProvider.System, CancellationToken.None);
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, CancellationToken.None);
        }

        var use = window.Stop();
        await stop.CancelAsync();
        var results = await Task.WhenAll(workers);
        return new LoadSample(
            concurrency,
            Stopwatch.GetElapsedTime(windowStart, windowEnd),
            [.. results.SelectMany(r => r.Latencies)],
            results.Sum(r => r.Failures),
            results.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null),
            use);

        async Task<WorkerResult> WorkAsync()
        {
            var latencies = new List<long>(capacity: 16_384);
            var failed = 0;
            string? firstFailure = null;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await send(CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException or TaskCanceledException)
                {
                    failure = e.GetType().Name + ": " + e.Message;
                }

                var ended = Stopwatch.GetTimestamp();
                if (ended < Volatile.Read(ref windowStart) || ended > Volatile.Read(ref windowEnd))
                {
                    continue;
                }

                if (failure is null)
                {
                    latencies.Add(ended - started);
                }
                else
                {
                    failed++;
                    firstFailure ??= failure;
                }
            }

            return new WorkerResult(latencies, failed, firstFailure);
        }
    }

    private sealed record WorkerResult(List<long> Latencies, int Failures, string? FirstFailure);
}

/// <summary>What one closed-loop window saw: its successful requests' latencies (Stopwatch ticks), failures, CPU.</summary>
internal sealed record LoadSample(int Concurrency, TimeSpan Window, long[] Latencies, int Failures, string? FirstFailure, CpuUse Cpu);

/// <summary>
/// Several windows of one kind at one concurrency, taken together; <c>ServerCpuPerRequest</c> is the server's CPU time
/// over the windows ÷ the requests answered in them, in ms.
/// </summary>
internal sealed record LoadResult(
    int Concurrency, double RequestsPerSecond, LatencySummary Latency, int Failures, string? FirstFailure, CpuUse Cpu, double ServerCpuPerRequest)
{
    public static LoadResult Merge(IReadOnlyList<LoadSample> samples)
    {
        var seconds = samples.Sum(s => s.Window.TotalSeconds);
        var latency = LatencySummary.FromTicks(samples.SelectMany(s => s.Latencies));
        double Weighted(Func<CpuUse, double> part) => samples.Sum(s => part(s.Cpu) * s.Window.TotalSeconds) / seconds;
        var serverCpuSeconds = samples.Sum(s => s.Cpu.Server / 100 * s.Window.TotalSeconds);
        return new LoadResult(
            samples[0].Concurrency,
            latency.Count / seconds,
            latency,
            samples.Sum(s => s.Failures),
            samples.Select(s => s.FirstFailure).FirstOrDefault(f => f is not null),
            new CpuUse(Weighted(c => c.Azurite), Weighted(c => c.Server), Weighted(c => c.Bench)),
            latency.Count == 0 ? 0 : serverCpuSeconds * 1000 / latency.Count);
    }
}
