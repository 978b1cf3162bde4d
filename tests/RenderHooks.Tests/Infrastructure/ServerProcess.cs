using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// The built RenderHooks server in a process of its own (<c>dotnet RenderHooks.Server.dll</c>, the copy next to the
/// tests), configured by environment variables as a deployment would be, so a test can kill it outright.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Queue<string> _output = new();
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote (its log, at the level the settings ask for).</summary>
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
    /// Starts the server on a free loopback port with <paramref name="settings"/> (configuration keys, ':' separated)
    /// and waits until its health endpoint answers 200.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var serverDll = typeof(Program).Assembly.Location;
        var directory = Path.GetDirectoryName(serverDll)!;
        if (!File.Exists(Path.Combine(directory, "RenderHooks.Server.runtimeconfig.json")))
        {
            throw new InvalidOperationException($"RenderHooks.Server.runtimeconfig.json is not next to '{serverDll}', so the server cannot be run from there.");
        }

        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{AzuriteFixture.FreePorts(1)[0]}"));
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(serverDll);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs, in-flight work is cut wherever it is.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
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

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} while starting. Output:\n{RecentOutput}");
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

        throw new InvalidOperationException($"The server was not healthy within {StartTimeout.TotalSeconds} s. Output:\n{RecentOutput}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

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
