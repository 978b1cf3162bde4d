using System.Globalization;

namespace RenderHooks.LoadBench;

/// <summary>
/// Webhooks too large for a queue message (above 35,840 bytes intake writes the body to a blob of the payloads
/// container and enqueues a reference): JSON2Video JSON bodies padded by their client-data, through the server with
/// processing off. Two parts, each with a server of its own, so that each peak working set (VmHWM only grows) is its
/// own: rows of throughput and latency at a few concurrencies for one body size, and a closed loop of concurrent
/// 1 MiB webhooks for the peak working set against the server's idle one. A server that answers a large body with
/// anything but 200 (413 from a build or a MaxBodyBytes that refuses it) leaves that part out, with the answer.
/// </summary>
internal sealed class LargeBodyPhase
{
    /// <summary>The closed loop's ramp-up before a measured window at a new concurrency: new connections open.</summary>
    private static readonly TimeSpan NewConcurrency = TimeSpan.FromSeconds(1);

    private readonly BenchOptions _options;
    private readonly Func<Task<string>> _freshAzurite;
    private readonly CpuMeter _cpu;
    private ServerProcess? _server;

    /// <param name="options">The benchmark's settings.</param>
    /// <param name="freshAzurite">Replaces Azurite with a new, empty one with the pipeline's storage; its connection string.</param>
    /// <param name="azuritePid">Azurite's pid now, for the CPU columns.</param>
    public LargeBodyPhase(BenchOptions options, Func<Task<string>> freshAzurite, Func<int?> azuritePid)
    {
        _options = options;
        _freshAzurite = freshAzurite;
        _cpu = new CpuMeter(azuritePid, () => _server?.Pid);
    }

    /// <summary>
    /// One row per concurrency (ascending), each on a fresh Azurite, after a warm-up at one connection; the server's
    /// VmHWM after each row, so the last is its peak through all of them.
    /// </summary>
    public async Task<LargeBodyResult> MeasureRowsAsync()
    {
        var bytes = _options.LargeBodyBytes;
        var idle = await StartServerAsync();
        try
        {
            if (await RefusalAsync(bytes) is { } refusal)
            {
                return new LargeBodyResult(bytes, idle, [], refusal);
            }

            using (var warmup = new WebhookClient(_server!.Address, ServerProcess.Token, 1))
            {
                await ClosedLoop.RunAsync(1, _options.Warmup, TimeSpan.Zero, token => warmup.PostJson2VideoAsync(bytes, token), _cpu);
            }

            Progress($"large bodies: warmed up at 1 connection for {_options.Warmup.TotalSeconds:0.#} s ({bytes:N0}-byte JSON2Video bodies)");
            var rows = new List<LargeBodyRow>();
            foreach (var concurrency in _options.LargeConcurrencies.Order())
            {
                await _freshAzurite();
                using var webhooks = new WebhookClient(_server.Address, ServerProcess.Token, concurrency);
                var sample = await ClosedLoop.RunAsync(
                    concurrency, NewConcurrency, _options.LargeDuration, token => webhooks.PostJson2VideoAsync(bytes, token), _cpu);
                var row = new LargeBodyRow(LoadResult.Merge([sample]), _server.PeakWorkingSetBytes());
                rows.Add(row);
                Progress($"large   {concurrency,2} connections: {row.Intake.RequestsPerSecond:N0} req/s, p50 {row.Intake.Latency.P50:F1} ms, " +
                    $"p99 {row.Intake.Latency.P99:F1} ms, CPU {row.Intake.Cpu}, server peak working set {Mib(row.PeakBytes)} MiB" + Failures(row.Intake));
            }

            return new LargeBodyResult(bytes, idle, rows, null);
        }
        finally
        {
            await StopServerAsync();
        }
    }

    /// <summary>A closed loop of <see cref="BenchOptions.BurstConnections"/> concurrent webhooks of <see cref="BenchOptions.BurstBodyBytes"/>, on a new server.</summary>
    public async Task<BurstResult> MeasureBurstAsync()
    {
        var bytes = _options.BurstBodyBytes;
        var connections = _options.BurstConnections;
        var idle = await StartServerAsync();
        try
        {
            if (await RefusalAsync(bytes) is { } refusal)
            {
                return new BurstResult(bytes, connections, idle, 0, null, refusal);
            }

            using var webhooks = new WebhookClient(_server!.Address, ServerProcess.Token, connections);
            var sample = await ClosedLoop.RunAsync(
                connections, NewConcurrency, _options.BurstDuration, token => webhooks.PostJson2VideoAsync(bytes, token), _cpu);
            var result = new BurstResult(bytes, connections, idle, _server.PeakWorkingSetBytes(), LoadResult.Merge([sample]), null);
            Progress($"burst: {connections} concurrent {bytes:N0}-byte webhooks: server peak working set {Mib(result.PeakBytes)} MiB " +
                $"(idle {Mib(idle)} MiB); {result.Intake!.RequestsPerSecond:N0} req/s, p50 {result.Intake.Latency.P50:F1} ms, " +
                $"p99 {result.Intake.Latency.P99:F1} ms, CPU {result.Intake.Cpu}" + Failures(result.Intake));
            return result;
        }
        finally
        {
            await StopServerAsync();
        }
    }

    /// <summary>A fresh Azurite and a new server with processing off; the server's VmHWM once it answers its health check.</summary>
    private async Task<long> StartServerAsync()
    {
        var connectionString = await _freshAzurite();
        _server = await ServerProcess.StartAsync(_options, connectionString, processing: false);
        return _server.PeakWorkingSetBytes();
    }

    /// <summary>One webhook of <paramref name="bytes"/>: null when accepted, else a line saying what the server answered.</summary>
    private async Task<string?> RefusalAsync(int bytes)
    {
        using var probe = new WebhookClient(_server!.Address, ServerProcess.Token, 1);
        if (await probe.PostJson2VideoAsync(bytes, CancellationToken.None) is not { } answer)
        {
            return null;
        }

        var refusal = $"the server answered {answer} to a {bytes.ToString("N0", CultureInfo.InvariantCulture)}-byte JSON2Video webhook" +
            (answer == "HTTP 413" ? " (its RenderHooks:Intake:MaxBodyBytes is below that size, or this build refuses bodies above a queue message): not measured" : ": not measured");
        Progress("large bodies: " + refusal);
        return refusal;
    }

    private async Task StopServerAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    private static string Failures(LoadResult result) =>
        result.Failures == 0 ? "" : $", {result.Failures} FAILED (first: {result.FirstFailure})";

    private static string Mib(long bytes) => Report.Mib(bytes);

    private static void Progress(string line) => LoadRun.Progress(line);
}
