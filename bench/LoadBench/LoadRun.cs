using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.LoadBench;

/// <summary>The phases of one run, in order, each printing a progress line.</summary>
internal sealed class LoadRun
{
    /// <summary>The closed loop's ramp-up before the first round at a concurrency: new connections open.</summary>
    private static readonly TimeSpan NewConcurrency = TimeSpan.FromSeconds(1);

    /// <summary>The start of the steady end-to-end phase, not counted: a new server's JIT at work.</summary>
    private static readonly TimeSpan EndToEndWarmup = TimeSpan.FromSeconds(2);

    /// <summary>The closed loop's ramp-up before each later round: the connections are open.</summary>
    private static readonly TimeSpan BetweenRounds = TimeSpan.FromMilliseconds(250);

    private readonly BenchOptions _options;
    private readonly CpuMeter _cpu;
    private readonly CpuMeter _functionsHostCpu;
    private AzuriteProcess? _azurite;
    private ServerProcess? _server;
    private FunctionsHostProcess? _functionsHost;
    private RenderHooksStorage? _storage;

    public LoadRun(BenchOptions options)
    {
        _options = options;
        _cpu = new CpuMeter(() => _azurite?.Pid, () => _server?.Pid);
        _functionsHostCpu = new CpuMeter(() => _azurite?.Pid, () => _functionsHost?.Pid);
    }

    private RenderHooksStorage Storage => _storage ?? throw new InvalidOperationException("Azurite is not running.");

    public async Task<Report> ExecuteAsync()
    {
        try
        {
            var report = new Report(_options, DeliveryWriter.MessageLength());
            await MeasureIntakeAsync(report);
            await MeasureLargeBodiesAsync(report);
            await MeasureProcessingAsync(report);
            return report;
        }
        finally
        {
            await StopAsync(_server);
            await StopAsync(_functionsHost);
            await StopAsync(_azurite);
        }
    }

    /// <summary>
    /// Processing off (RenderHooks:QueueListener:Enabled=false), one server throughout: each concurrency on a fresh
    /// Azurite, the ceiling and intake in alternating rounds.
    /// </summary>
    private async Task MeasureIntakeAsync(Report report)
    {
        await FreshAzuriteAsync();
        _server = await ServerProcess.StartAsync(_options, _azurite!.ConnectionString, processing: false);
        _functionsHost = await StartFunctionsHostAsync();
        await WarmUpAsync(_server);
        foreach (var concurrency in _options.Concurrencies)
        {
            await FreshAzuriteAsync();
            var ceiling = new DeliveryWriter(Storage.IntakeQueue, TimeProvider.System);
            using var webhooks = new WebhookClient(_server.Address, ServerProcess.Token, concurrency);
            using var hostWebhooks = _functionsHost is null ? null : new WebhookClient(_functionsHost.Address, ServerProcess.Token, concurrency);
            var (raw, intake, hostIntake) = await MeasurePairAsync(
                concurrency,
                ceiling.SendAsync,
                token => webhooks.PostAsync(PhantomFlowWebhook.NewJobId(), token),
                hostWebhooks is null ? null : token => hostWebhooks.PostAsync(PhantomFlowWebhook.NewJobId(), token));
            Progress("ceiling", raw);
            Progress("intake", intake);
            report.Add(raw, intake);
            if (hostIntake is not null)
            {
                Progress("host", hostIntake);
                report.AddFunctionsHost(raw, intake, hostIntake);
            }
        }

        if (_functionsHost is not null)
        {
            report.FunctionsHostPeakBytes = _functionsHost.PeakWorkingSetBytes();
            Progress($"Functions host: peak working set {report.FunctionsHostPeakBytes / 1048576.0:F0} MiB (host and worker)");
            await StopAsync(_functionsHost);
            _functionsHost = null;
        }

        report.IntakeServerPeakBytes = _server.PeakWorkingSetBytes();
        report.IntakeServerLog = _server.LogSummary();
        Progress($"intake server: peak working set {report.IntakeServerPeakBytes / 1048576.0:F0} MiB; log: {report.IntakeServerLog}");
        await StopAsync(_server);
        _server = null;
    }

    /// <summary>Webhooks too large for a queue message, processing off: rows at a few concurrencies, then the memory burst.</summary>
    private async Task MeasureLargeBodiesAsync(Report report)
    {
        var phase = new LargeBodyPhase(
            _options,
            async () =>
            {
                await FreshAzuriteAsync();
                return _azurite!.ConnectionString;
            },
            () => _azurite?.Pid);
        if (_options.LargeDuration > TimeSpan.Zero && _options.LargeConcurrencies.Count > 0)
        {
            report.LargeBodies = await phase.MeasureRowsAsync();
        }

        if (_options.BurstDuration > TimeSpan.Zero)
        {
            report.Burst = await phase.MeasureBurstAsync();
        }
    }

    /// <summary>
    /// Processing on: a backlog drained by one server, then end-to-end latency with another, each on a fresh
    /// Azurite that lives under a minute (see <see cref="AzuriteProcess.GarbageCollectionInterval"/>).
    /// </summary>
    private async Task MeasureProcessingAsync(Report report)
    {
        if (_options.Backlog > 0)
        {
            await MeasureDrainPhaseAsync(report);
        }

        if (_options.EndToEndDuration > TimeSpan.Zero || _options.SparseWebhooks > 0)
        {
            await MeasureEndToEndPhaseAsync(report);
        }
    }

    private async Task MeasureDrainPhaseAsync(Report report)
    {
        await FreshAzuriteAsync();
        var writer = new DeliveryWriter(Storage.IntakeQueue, TimeProvider.System);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, _options.Backlog), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, token) => await writer.SendAsync(token));
        Progress($"backlog: {_options.Backlog:N0} deliveries written to {Storage.DeliveriesQueue.Name} (the envelope intake writes)");
        _server = await ServerProcess.StartAsync(_options, _azurite!.ConnectionString, processing: true);
        report.Drain = await MeasureDrainAsync(_options.Backlog);
        Progress($"drain: {report.Drain.PerSecond:N0} deliveries/s ({report.Drain.Deliveries:N0} in {report.Drain.Seconds:F1} s), CPU {report.Drain.Cpu}");
        await StopProcessingServerAsync(report, "drain");
    }

    private async Task MeasureEndToEndPhaseAsync(Report report)
    {
        await FreshAzuriteAsync();
        _server = await ServerProcess.StartAsync(_options, _azurite!.ConnectionString, processing: true);
        var collector = new EventsCollector(Storage.EventsQueue);
        using var stopCollecting = new CancellationTokenSource();
        var collecting = collector.RunAsync(stopCollecting.Token);
        if (_options.EndToEndDuration > TimeSpan.Zero)
        {
            report.EndToEndSteady = await MeasureEndToEndAsync(
                _server,
                collector,
                $"{_options.EndToEndRate} webhooks/s for {_options.EndToEndDuration.TotalSeconds:0} s (after {EndToEndWarmup.TotalSeconds:0} s not counted)",
                Steady(_options.EndToEndRate, EndToEndWarmup + _options.EndToEndDuration),
                EndToEndWarmup);
        }

        if (_options.SparseWebhooks > 0)
        {
            report.EndToEndSparse = await MeasureEndToEndAsync(
                _server, collector, $"{_options.SparseWebhooks} webhooks 1.5-3.5 s apart", Sparse(_options.SparseWebhooks), TimeSpan.Zero);
        }

        await stopCollecting.CancelAsync();
        await collecting;
        await StopProcessingServerAsync(report, "end to end");
    }

    private async Task StopProcessingServerAsync(Report report, string phase)
    {
        var server = _server!;
        var peak = server.PeakWorkingSetBytes();
        var log = server.LogSummary();
        Progress($"processing server ({phase}): peak working set {peak / 1048576.0:F0} MiB; log: {log}");
        report.ProcessingServerPeakBytes = Math.Max(report.ProcessingServerPeakBytes, peak);
        report.ProcessingServerLog = report.ProcessingServerLog.Length == 0 ? $"{phase}: {log}" : $"{report.ProcessingServerLog}; {phase}: {log}";
        if (_azurite!.Age > AzuriteProcess.GarbageCollectionInterval)
        {
            Progress($"WARNING: this Azurite ran {_azurite.Age.TotalSeconds:F0} s: its queue garbage collection, which stalls it, may have fallen into the measurement.");
        }

        await StopAsync(server);
        _server = null;
    }

    /// <summary>The Functions host with processing off, when one is given (--functions-host); null otherwise.</summary>
    private async Task<FunctionsHostProcess?> StartFunctionsHostAsync()
    {
        if (_options.FunctionsHostPath is null)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var host = await FunctionsHostProcess.StartAsync(_options, _azurite!.ConnectionString);
        Progress($"Functions host {_options.FunctionsHostPath} healthy after {clock.Elapsed.TotalSeconds:F0} s (ProcessDelivery disabled)");
        return host;
    }

    /// <summary>A new in-memory Azurite in place of the last one (same ports and account), with the pipeline's queues and tables.</summary>
    private async Task FreshAzuriteAsync()
    {
        await StopAsync(_azurite);
        _azurite = await AzuriteProcess.StartAsync(_options);
        _storage = new RenderHooksStorage(
            StorageAccount.Parse(_azurite.ConnectionString), Options.Create(new StorageNamesOptions()), Options.Create(new IntakeOptions()), NullLoggerFactory.Instance);
        await _storage.CreateIfNotExistsAsync();
    }

    /// <summary>
    /// Both paths at the highest concurrency until the JIT has compiled the hot code at its final tier (the
    /// server's tiered compilation alone takes a few CPU seconds, which would otherwise fall into the first rows).
    /// </summary>
    private async Task WarmUpAsync(ServerProcess server)
    {
        var concurrency = _options.Concurrencies.Max();
        var ceiling = new DeliveryWriter(Storage.IntakeQueue, TimeProvider.System);
        using var webhooks = new WebhookClient(server.Address, ServerProcess.Token, concurrency);
        using var hostWebhooks = _functionsHost is null ? null : new WebhookClient(_functionsHost.Address, ServerProcess.Token, concurrency);
        for (var i = 0; i < 2; i++)
        {
            await ClosedLoop.RunAsync(concurrency, _options.Warmup, TimeSpan.Zero, ceiling.SendAsync, _cpu);
            await ClosedLoop.RunAsync(concurrency, _options.Warmup, TimeSpan.Zero, token => webhooks.PostAsync(PhantomFlowWebhook.NewJobId(), token), _cpu);
            if (hostWebhooks is not null)
            {
                await ClosedLoop.RunAsync(concurrency, _options.Warmup, TimeSpan.Zero, token => hostWebhooks.PostAsync(PhantomFlowWebhook.NewJobId(), token), _functionsHostCpu);
            }
        }

        Progress($"warmed up: ceiling and intake{(hostWebhooks is null ? "" : " (server and Functions host)")} twice for {_options.Warmup.TotalSeconds:0.#} s each at {concurrency} connections");
    }

    /// <summary>
    /// The ceiling and intake in alternating rounds (ceiling, intake, ceiling, …), so a machine whose load drifts,
    /// and a queue that grows, weigh on both alike; with a Functions host, its intake takes a turn in each round too
    /// (ceiling, intake, host intake, ceiling, …), measured against the same ceiling.
    /// </summary>
    private async Task<(LoadResult Ceiling, LoadResult Intake, LoadResult? HostIntake)> MeasurePairAsync(
        int concurrency,
        Func<CancellationToken, Task<string?>> ceiling,
        Func<CancellationToken, Task<string?>> intake,
        Func<CancellationToken, Task<string?>>? hostIntake)
    {
        var round = _options.Duration / _options.Rounds;
        var ceilingSamples = new List<LoadSample>();
        var intakeSamples = new List<LoadSample>();
        var hostSamples = new List<LoadSample>();
        for (var i = 0; i < _options.Rounds; i++)
        {
            var warmup = i == 0 ? NewConcurrency : BetweenRounds;
            ceilingSamples.Add(await ClosedLoop.RunAsync(concurrency, warmup, round, ceiling, _cpu));
            intakeSamples.Add(await ClosedLoop.RunAsync(concurrency, warmup, round, intake, _cpu));
            if (hostIntake is not null)
            {
                hostSamples.Add(await ClosedLoop.RunAsync(concurrency, warmup, round, hostIntake, _functionsHostCpu));
            }
        }

        return (LoadResult.Merge(ceilingSamples), LoadResult.Merge(intakeSamples), hostSamples.Count == 0 ? null : LoadResult.Merge(hostSamples));
    }

    /// <summary>From the first event seen to the last, counting the events queue every 100 ms (no consumer competes).</summary>
    private async Task<DrainResult> MeasureDrainAsync(int deliveries)
    {
        var deadline = Stopwatch.StartNew();
        int first;
        while ((first = await EventCountAsync()) == 0)
        {
            await PauseAsync(deadline, "the first event of the backlog");
        }

        var window = _cpu.Start();
        var clock = Stopwatch.StartNew();
        while (await EventCountAsync() < deliveries)
        {
            await PauseAsync(deadline, $"{deliveries} events");
        }

        return new DrainResult(deliveries - first, clock.Elapsed.TotalSeconds, window.Stop());
    }

    private async Task<int> EventCountAsync() => (await Storage.EventsQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>
    /// Webhooks sent at the given offsets from the start (open loop), each timed from the start of its POST to its
    /// event's receipt by <paramref name="collector"/>.
    /// </summary>
    private async Task<EndToEndResult> MeasureEndToEndAsync(
        ServerProcess server, EventsCollector collector, string name, IReadOnlyList<TimeSpan> schedule, TimeSpan countFrom)
    {
        using var webhooks = new WebhookClient(server.Address, ServerProcess.Token, 16);
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var posts = new List<(string JobId, Task<string?> Answer)>(schedule.Count);
        CpuMeter.Window? window = null;
        var start = Stopwatch.GetTimestamp();
        foreach (var offset in schedule)
        {
            var wait = offset - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, TimeProvider.System, CancellationToken.None);
            }

            var jobId = PhantomFlowWebhook.NewJobId();
            if (offset >= countFrom)
            {
                window ??= _cpu.Start();
                counted.Add(jobId);
            }

            sentAt[jobId] = Stopwatch.GetTimestamp();
            posts.Add((jobId, webhooks.PostAsync(jobId, CancellationToken.None)));
        }

        await Task.WhenAll(posts.Select(p => p.Answer));
        var failed = posts.Where(p => p.Answer.Result is not null).ToList();
        var failures = failed.Count(p => counted.Contains(p.JobId));
        var deadline = Stopwatch.StartNew();
        while (sentAt.Keys.Count(collector.Arrivals.ContainsKey) < sentAt.Count - failed.Count && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
        }

        var use = window?.Stop() ?? new CpuUse(0, 0, 0);
        var latencies = counted
            .Select(id => collector.Arrivals.TryGetValue(id, out var arrived) ? arrived - sentAt[id] : (long?)null)
            .OfType<long>();
        var result = new EndToEndResult(name, counted.Count, failures, LatencySummary.FromTicks(latencies), use);
        Progress($"end to end, {name}: p50 {result.Latency.P50:F0} ms, p99 {result.Latency.P99:F0} ms, max {result.Latency.Max:F0} ms " +
            $"({result.Latency.Count} of {result.Sent} events), CPU {result.Cpu}" +
            (failed.Count == 0 ? "" : $", {failed.Count} POSTs FAILED (first: {failed[0].Answer.Result})"));
        return result;
    }

    /// <summary>Offsets of webhooks at a steady rate.</summary>
    private static List<TimeSpan> Steady(int perSecond, TimeSpan duration) =>
        [.. Enumerable.Range(0, (int)(perSecond * duration.TotalSeconds)).Select(i => TimeSpan.FromSeconds((double)i / perSecond))];

    /// <summary>
    /// Offsets of webhooks far apart, gaps spread evenly over 1.5-3.5 s (a golden-ratio sequence), so the consumer
    /// has backed off towards its longest polling interval each time: the latency of a quiet receiver.
    /// </summary>
    private static List<TimeSpan> Sparse(int count)
    {
        var offsets = new List<TimeSpan>(count);
        var at = TimeSpan.Zero;
        for (var i = 1; i <= count; i++)
        {
            at += TimeSpan.FromSeconds(1.5 + (2 * (i * 0.6180339887 % 1)));
            offsets.Add(at);
        }

        return offsets;
    }

    private static async Task StopAsync(IAsyncDisposable? process)
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }

    private static async Task PauseAsync(Stopwatch deadline, string waitingFor)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException($"Gave up waiting for {waitingFor} after 5 minutes.");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
    }

    private static void Progress(string phase, LoadResult result) =>
        Progress($"{phase,-7} {result.Concurrency,2} connections: {result.RequestsPerSecond:N0} req/s, p50 {result.Latency.P50:F1} ms, " +
            $"p99 {result.Latency.P99:F1} ms, CPU {result.Cpu}" +
            (phase == "intake" ? $", server CPU {result.ServerCpuPerRequest:F2} ms per webhook" : "") +
            (result.Failures == 0 ? "" : $", {result.Failures} FAILED (first: {result.FirstFailure})"));

    /// <summary>A progress line, time-stamped, as every phase of the benchmark prints them.</summary>
    internal static void Progress(string line) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {TimeProvider.System.GetLocalNow():HH:mm:ss} {line}"));
}
