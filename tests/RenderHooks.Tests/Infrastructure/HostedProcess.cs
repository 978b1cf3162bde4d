using System.Diagnostics;
using System.Net;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A host of the RenderHooks routes in a process of its own (the built server, or a Functions host with its worker):
/// its last output lines kept, started once <c>GET /api/health</c> answers 200. Disposing kills it and everything it
/// started, so no test leaves a process behind; <see cref="StopAsync"/> stops it gracefully first.
/// </summary>
public sealed class HostedProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 300;

    private readonly Queue<string> _output = new();
    private readonly Process _process;
    private readonly string _name;
    private readonly Action<string>? _onLine;

    private HostedProcess(Process process, string name, Uri baseAddress, Action<string>? onLine)
    {
        _process = process;
        _name = name;
        _onLine = onLine;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (its log, at the level its settings ask for).</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="startInfo"/> (output redirected here, every line also to <paramref name="onLine"/>) and
    /// waits until <c>{baseAddress}/api/health</c> answers 200.
    /// </summary>
    public static async Task<HostedProcess> StartAsync(
        string name, ProcessStartInfo startInfo, Uri baseAddress, TimeSpan startTimeout, Action<string>? onLine = null)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var hosted = new HostedProcess(process, name, baseAddress, onLine);
        process.OutputDataReceived += (_, e) => hosted.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => hosted.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await hosted.WaitUntilHealthyAsync(startTimeout);
        }
        catch
        {
            await hosted.DisposeAsync();
            throw;
        }

        return hosted;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>
    /// Stops the process as a container stop or Ctrl+C does (SIGTERM) and waits for it and everything it started to
    /// exit: a process that leaves a child running (a shim in front of the real host) has the child stopped the same
    /// way. Whatever still runs after <paramref name="timeout"/> is killed, and false is returned.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        var tree = ProcessTree.Of(_process.Id);
        var deadline = Stopwatch.StartNew();
        foreach (var pid in tree.Pids)
        {
            if (!tree.IsAlive(pid))
            {
                continue; // Its parent stopped it.
            }

            try
            {
                await ProcessTree.TerminateAsync(pid);
            }
            catch (InvalidOperationException)
            {
                continue; // Exited in between.
            }

            while (tree.IsAlive(pid) && deadline.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        var graceful = tree.Alive().Count == 0;
        tree.KillAll();
        await WaitForExitAsync();
        return graceful;
    }

    /// <summary>SIGKILL to the process and everything it started: no shutdown code runs, in-flight work is cut wherever it is.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        var tree = ProcessTree.Of(_process.Id);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }

        // Kill(entireProcessTree) finds children through the live parent; one the parent left behind is found here.
        tree.KillAll();
        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan startTimeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < startTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} while starting. Output:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new InvalidOperationException($"{_name} was not healthy within {startTimeout.TotalSeconds} s. Output:\n{RecentOutput}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _onLine?.Invoke(line);
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
