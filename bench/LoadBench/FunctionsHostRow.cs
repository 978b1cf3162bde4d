using System.Globalization;
using System.Text;

namespace RenderHooks.LoadBench;

/// <summary>
/// Intake through the Functions host at one concurrency, measured in the same alternating rounds as the server's
/// intake and against the same ceiling, and the Markdown table of those rows.
/// </summary>
internal sealed record FunctionsHostRow(LoadResult Ceiling, LoadResult ServerIntake, LoadResult HostIntake)
{
    public static string ToMarkdown(IReadOnlyList<FunctionsHostRow> rows, BenchOptions options, long peakBytes)
    {
        var s = new StringBuilder();
        s.AppendLine(
            $"Intake through the Functions host ({Path.GetFileName(options.FunctionsHostPath)}): POST /api/hooks/phantomflow/{{token}} to the host, " +
            "which forwards it to the isolated worker, with the queue trigger and the timer disabled (AzureWebJobs_ProcessDelivery_Disabled, " +
            "AzureWebJobs_ReconcileJobs_Disabled), so only intake uses Azurite; in the same rounds as the rows above (ceiling, server intake, host intake, …). CPU: Azurite / host + worker / bench. " +
            $"Host and worker peak working set {(peakBytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture)} MiB.");
        s.AppendLine();
        s.AppendLine("| connections | ceiling req/s | host intake req/s | host intake p50 / p99 ms | host ÷ ceiling | host ÷ server intake | p99 − ceiling p99 | CPU host intake |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (ceiling, server, host) in rows)
        {
            s.AppendLine(
                $"| {ceiling.Concurrency} | {ceiling.RequestsPerSecond:N0} | {host.RequestsPerSecond:N0} | {host.Latency.P50:F1} / {host.Latency.P99:F1} " +
                $"| {host.RequestsPerSecond / ceiling.RequestsPerSecond:P0} | {host.RequestsPerSecond / server.RequestsPerSecond:P0} " +
                $"| {Report.Signed(host.Latency.P99 - ceiling.Latency.P99)} ms | {host.Cpu} |" +
                (host.Failures == 0 ? "" : $" {host.Failures} failed (first: {host.FirstFailure})"));
        }

        return s.ToString();
    }
}
