using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// The repository's pinned Azurite with its data on disk (<c>--location</c>), on free loopback ports, for a test that
/// stops storage and starts it again. Azurite 3.37 keeps queues, messages, tables and entities in LokiJS databases
/// that it writes to disk every 5 s and when it closes: a SIGKILL loses the last seconds' writes (queues created
/// just before included), which real Azure Storage never does to a write it acknowledged. <see cref="StopAsync"/>
/// therefore stops Azurite as its own Ctrl+C does (SIGTERM: it stops serving, saves and closes its databases).
/// Even so, a request Azurite is still working on when it saves may be answered after the save, and that write is
/// lost: stop it when no request can reach it, or when no answer can reach the client (see <see cref="TcpRelay"/>).
/// </summary>
public sealed class PersistentAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly object _outputLock = new();
    private readonly StringBuilder _output = new();
    private readonly string _azuritePath;
    private readonly string _location;
    private Process? _process;

    private PersistentAzurite(string azuritePath, string location, int[] ports)
    {
        _azuritePath = azuritePath;
        _location = location;
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A shared key connection string for this Azurite's account on the given ports (its own, or relays in front of them).</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AzuriteFixture.AccountName};");

    /// <summary>Starts a new Azurite with an empty data directory of its own.</summary>
    public static async Task<PersistentAzurite> CreateAsync()
    {
        var root = AzuriteFixture.FindRepositoryRoot();
        var azuritePath = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azuritePath))
        {
            throw new InvalidOperationException($"Azurite was not found at '{azuritePath}'. Run 'npm ci' at the repository root ({root}) to install it.");
        }

        var location = Path.Combine(Path.GetTempPath(), "renderhooks-azurite-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var azurite = new PersistentAzurite(azuritePath, location, AzuriteFixture.FreePorts(3));
        try
        {
            await azurite.StartAsync();
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>Queue and table names of one test.</summary>
    public static PipelineNames NewNames()
    {
        var stem = "r" + Guid.NewGuid().ToString("N")[..12];
        return new PipelineNames(stem + "-dlv", stem + "-evt", stem + "jobs", stem + "dlv");
    }

    /// <summary>Starts Azurite (again) on the same ports and data directory, and waits until all three ports answer.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var startInfo = AzuriteCommand.Create(_azuritePath, _location, BlobPort, QueuePort, TablePort, "--location", _location);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            foreach (var port in new[] { BlobPort, QueuePort, TablePort })
            {
                await AzuriteFixture.WaitForPortAsync(process, port, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            Kill();
            throw new InvalidOperationException($"Azurite did not start listening within {StartTimeout.TotalSeconds} s. Output:\n{Output}", exception);
        }
    }

    /// <summary>
    /// Stops Azurite as Ctrl+C does and waits for it to exit, so every write it acknowledged is on disk; from then
    /// on its ports refuse connections until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Azurite is not running.");
        await ProcessTree.TerminateAsync(process.Id);

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new InvalidOperationException($"Azurite did not exit within {StopTimeout.TotalSeconds} s of SIGTERM, so its data may not be saved. Output:\n{Output}");
        }

        _process = null;
        process.Dispose();
        await WaitForPortsClosedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForPortsClosedAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    private void Kill()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        finally
        {
            process.Dispose();
        }
    }

    private async Task WaitForPortsClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!timeout.IsCancellationRequested)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
