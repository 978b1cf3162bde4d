using System.Globalization;
using System.Text;

namespace RenderHooks.LoadBench;

/// <summary>What one run measured, and the Markdown table it prints (ready for docs/performance.md).</summary>
internal sealed class Report(BenchOptions options, int messageLength)
{
    private readonly List<(LoadResult Ceiling, LoadResult Intake)> _pairs = [];
    private readonly List<FunctionsHostRow> _functionsHostRows = [];

    public DrainResult? Drain { get; set; }

    public EndToEndResult? EndToEndSteady { get; set; }

    public EndToEndResult? EndToEndSparse { get; set; }

    public long IntakeServerPeakBytes { get; set; }

    public long ProcessingServerPeakBytes { get; set; }

    public string IntakeServerLog { get; set; } = "";

    public string ProcessingServerLog { get; set; } = "";

    public long FunctionsHostPeakBytes { get; set; }

    public LargeBodyResult? LargeBodies { get; set; }

    public BurstResult? Burst { get; set; }

    public void Add(LoadResult ceiling, LoadResult intake) => _pairs.Add((ceiling, intake));

    public void AddFunctionsHost(LoadResult ceiling, LoadResult serverIntake, LoadResult hostIntake) =>
        _functionsHostRows.Add(new FunctionsHostRow(ceiling, serverIntake, hostIntake));

    public string ToMarkdown()
    {
        var o = options;
        var s = new StringBuilder();
        s.AppendLine($"LoadBench, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores ({CpuModel()}), " +
            $"Azurite {o.AzuriteVersion} in memory, Release server (own process, Production settings), .NET {Environment.Version}.");
        s.AppendLine($"Closed loop, after a warm-up of both ({2 * o.Warmup.TotalSeconds:0.#} s each); per row {o.Duration.TotalSeconds:0.#} s measured of each kind in {o.Rounds} alternating rounds " +
            "(ceiling, intake, ceiling, …), each concurrency on a fresh Azurite. " +
            $"Ceiling: Put Message of the envelope intake writes (PhantomFlow webhook, {messageLength}-character base64 message), through the Azure SDK's " +
            "QueueClient that intake uses (RenderHooksStorage.IntakeQueue: intake's retries and timeout) — the storage call intake makes. Intake: " +
            "POST /api/hooks/phantomflow/{token} to the server with processing off (RenderHooks:QueueListener:Enabled=false), so only intake uses Azurite. " +
            "CPU: % of one core, Azurite / server / bench. Server CPU per accepted webhook: the server's CPU time in the intake windows ÷ the webhooks accepted in them.");
        s.AppendLine();
        s.AppendLine("| connections | ceiling req/s | ceiling p50 / p99 ms | intake req/s | intake p50 / p99 ms | intake ÷ ceiling | p99 − ceiling p99 | CPU ceiling | CPU intake | server CPU per accepted webhook |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (ceiling, intake) in _pairs)
        {
            s.AppendLine(
                $"| {ceiling.Concurrency} | {ceiling.RequestsPerSecond:N0} | {ceiling.Latency.P50:F1} / {ceiling.Latency.P99:F1} " +
                $"| {intake.RequestsPerSecond:N0} | {intake.Latency.P50:F1} / {intake.Latency.P99:F1} " +
                $"| {intake.RequestsPerSecond / ceiling.RequestsPerSecond:P0} | {Signed(intake.Latency.P99 - ceiling.Latency.P99)} ms " +
                $"| {ceiling.Cpu} | {intake.Cpu} | {intake.ServerCpuPerRequest:F2} ms |");
        }

        if (_functionsHostRows.Count > 0)
        {
            s.AppendLine();
            s.Append(FunctionsHostRow.ToMarkdown(_functionsHostRows, o, FunctionsHostPeakBytes));
        }

        if (LargeBodies is not null || Burst is not null)
        {
            s.AppendLine();
            s.Append(LargeBodyMarkdown(LargeBodies, Burst, o));
        }

        s.AppendLine();
        s.AppendLine("| with processing on | figure |");
        s.AppendLine("|---|---|");
        foreach (var e in new[] { EndToEndSteady, EndToEndSparse }.OfType<EndToEndResult>())
        {
            s.AppendLine(
                $"| end to end, {e.Name}: webhook POST → its event received from renderhooks-events " +
                $"| **p50 {e.Latency.P50:F0} ms, p99 {e.Latency.P99:F0} ms**, max {e.Latency.Max:F0} ms; " +
                $"{e.Latency.Count} of {e.Sent} events{Failures(e.Failures)}; CPU {e.Cpu} |");
        }

        if (Drain is { } d)
        {
            s.AppendLine(
                $"| processing throughput: a backlog of {d.Deliveries:N0} deliveries drained (from the first event to the last, counted on renderhooks-events) " +
                $"| **{d.PerSecond:N0} deliveries/s** ({d.Seconds:F1} s); CPU {d.Cpu} |");
        }

        s.AppendLine(
            $"| server peak working set (VmHWM) | **{Mib(Math.Max(IntakeServerPeakBytes, ProcessingServerPeakBytes))} MiB**: " +
            $"{Mib(IntakeServerPeakBytes)} MiB through the intake phases, {Mib(ProcessingServerPeakBytes)} MiB with processing (the larger of two processes: drain, end to end) |");
        s.AppendLine($"| server log, warnings and errors | intake phases: {IntakeServerLog} (3012: processing is off); {ProcessingServerLog} |");
        return s.ToString();
    }

    /// <summary>The large-body rows and the memory burst: a table, or the line saying why they were not measured.</summary>
    private static string LargeBodyMarkdown(LargeBodyResult? large, BurstResult? burst, BenchOptions o)
    {
        var s = new StringBuilder();
        s.AppendLine(
            "Large bodies (above 35,840 bytes, a queue message's worth, intake writes the body to a blob of renderhooks-payloads and enqueues a reference): " +
            "POST /api/hooks/json2video/{token} of a JSON2Video JSON body padded by its client-data to the size shown, a new project each time, " +
            $"to a server of its own with processing off; closed loop, {o.LargeDuration.TotalSeconds:0.#} s measured per row after 1 s not counted, each row on a fresh Azurite, " +
            $"after a warm-up at 1 connection ({o.Warmup.TotalSeconds:0.#} s). Server peak working set: VmHWM after the row (it only grows). CPU: Azurite / server / bench.");
        s.AppendLine();
        if (large is { Refusal: { } refusal })
        {
            s.AppendLine($"Large-body rows: {refusal}.");
        }
        else if (large is not null)
        {
            s.AppendLine("| body | connections | intake req/s | intake p50 / p99 ms | MiB/s received | CPU | server peak working set |");
            s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            s.AppendLine($"| {Size(large.BodyBytes)} | idle, after start | | | | | {Mib(large.IdleBytes)} MiB |");
            foreach (var (intake, peak) in large.Rows)
            {
                s.AppendLine(
                    $"| {Size(large.BodyBytes)} | {intake.Concurrency} | {intake.RequestsPerSecond:N0} | {intake.Latency.P50:F1} / {intake.Latency.P99:F1} " +
                    $"| {intake.RequestsPerSecond * large.BodyBytes / 1048576.0:F1} | {intake.Cpu} | {Mib(peak)} MiB |" + Failures(intake.Failures, intake.FirstFailure));
            }
        }

        if (burst is not null)
        {
            s.AppendLine();
            s.AppendLine(burst switch
            {
                { Refusal: { } r } => $"Memory with {burst.Connections} concurrent {Size(burst.BodyBytes)} webhooks: {r}.",
                { Intake: { } i } =>
                    $"Server peak working set (VmHWM) with **{burst.Connections} concurrent {Size(burst.BodyBytes)} webhooks**, a closed loop for {o.BurstDuration.TotalSeconds:0.#} s " +
                    $"on a server of its own: **{Mib(burst.PeakBytes)} MiB**, against {Mib(burst.IdleBytes)} MiB idle after start " +
                    $"(+{Mib(burst.PeakBytes - burst.IdleBytes)} MiB); {i.RequestsPerSecond:N0} req/s, p50 {i.Latency.P50:F1} ms, p99 {i.Latency.P99:F1} ms, " +
                    $"{i.RequestsPerSecond * burst.BodyBytes / 1048576.0:F1} MiB/s received, CPU {i.Cpu}" + Failures(i.Failures, i.FirstFailure) + ".",
                _ => "",
            });
        }

        return s.ToString();
    }

    private static string Size(int bytes) => bytes % 1048576 == 0
        ? $"{bytes / 1048576} MiB"
        : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes:N0} bytes";

    private static string Failures(int failures, string? first) => failures == 0 ? "" : $" **{failures} failed** (first: {first})";

    /// <summary>A latency difference in ms to one decimal, with its sign (+ or −); also the Functions host rows' (<see cref="FunctionsHostRow"/>).</summary>
    public static string Signed(double milliseconds)
    {
        var rounded = Math.Round(milliseconds, 1);
        return (rounded < 0 ? "−" : "+") + Math.Abs(rounded).ToString("F1", CultureInfo.InvariantCulture);
    }

    private static string Failures(int failures) => failures == 0 ? "" : $", **{failures} failed**";

    internal static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}

/// <summary>A backlog drained by processing.</summary>
internal sealed record DrainResult(int Deliveries, double Seconds, CpuUse Cpu)
{
    public double PerSecond => Deliveries / Seconds;
}

/// <summary>Webhook-to-event latencies at a steady rate.</summary>
internal sealed record EndToEndResult(string Name, int Sent, int Failures, LatencySummary Latency, CpuUse Cpu);
