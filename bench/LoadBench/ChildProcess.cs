using System.Diagnostics;
using System.Globalization;

namespace RenderHooks.LoadBench;

/// <summary>
/// A process the benchmark starts: its output goes to <c>{name}.log</c> and its pid to <c>{name}.pid</c> in the work
/// folder (bench/load.sh kills what those name if the benchmark dies); disposing kills it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _pidFile;

    private ChildProcess(Process process, string pidFile, string log, long logStart)
    {
        _process = process;
        _pidFile = pidFile;
        Log = log;
        LogStart = logStart;
    }

    public int Pid => _process.Id;

    public string Log { get; }

    /// <summary>Where this process's output begins in <see cref="Log"/> (a restarted program appends to the same file).</summary>
    public long LogStart { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<ChildProcess> StartAsync(
        string name, string path, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, string workFolder)
    {
        var log = Path.Combine(workFolder, name + ".log");
        var logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec: the shell becomes the program, so the pid is the program's.
            ArgumentList = { "-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", log, path },
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var pidFile = Path.Combine(workFolder, name + ".pid");
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        return new ChildProcess(process, pidFile, log, logStart);
    }

    /// <summary>The process's peak resident set (VmHWM in /proc/{pid}/status), in bytes.</summary>
    public long PeakWorkingSetBytes() => PeakWorkingSetBytes(Pid);

    /// <summary>A process's peak resident set (VmHWM in /proc/{pid}/status), in bytes.</summary>
    public static long PeakWorkingSetBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmHWM.");
    }

    /// <summary>Throws, naming the log, if the process has exited.</summary>
    public void ThrowIfExited(string what)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{what} exited with code {_process.ExitCode}; see {Log}.");
        }
    }

    /// <summary>
    /// Waits until <paramref name="health"/> answers a success status, polling every <paramref name="pollInterval"/>;
    /// throws, naming the log, if the process exits first or <paramref name="within"/> passes.
    /// </summary>
    public async Task WaitUntilHealthyAsync(string what, Uri health, TimeSpan requestTimeout, TimeSpan within, TimeSpan pollInterval)
    {
        using var http = new HttpClient { Timeout = requestTimeout };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            ThrowIfExited(what);
            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet (a Functions host starts its worker first).
            }

            await Task.Delay(pollInterval, TimeProvider.System, CancellationToken.None);
        }

        throw new TimeoutException($"{what} did not become healthy within {within.TotalSeconds:0} s; see {Log}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The whole tree: a Functions host's worker would outlive it otherwise.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_pidFile);
    }
}
