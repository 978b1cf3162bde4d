using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// Runs the repository's pinned Azurite (node_modules/.bin/azurite, installed by <c>npm ci</c> at the repository root)
/// on free loopback ports with in-memory persistence, for the lifetime of a test collection.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly object _outputLock = new();
    private readonly StringBuilder _output = new();
    private string? _azuritePath;
    private string? _repositoryRoot;
    private string? _location;
    private Process? _process;
    private int _nameCounter;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>A shared key connection string addressing this Azurite's three endpoints.</summary>
    public string ConnectionString =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");

    public StorageAccount Account => StorageAccount.Parse(ConnectionString);

    /// <summary>The pipeline's SDK clients on this Azurite, as a host makes them, with queue and table names of their own (not created).</summary>
    public RenderHooksStorage CreateStorage(PipelineNames? names = null, ILoggerFactory? logs = null, IntakeOptions? intake = null)
    {
        names ??= PipelineNames.Unique(this);
        var options = new StorageNamesOptions
        {
            DeliveriesQueue = names.DeliveriesQueue,
            EventsQueue = names.EventsQueue,
            JobsTable = names.JobsTable,
            DeliveriesTable = names.DeliveriesTable,
            PayloadsContainer = names.PayloadsContainer,
        };
        return new RenderHooksStorage(Account, Options.Create(options), Options.Create(intake ?? new IntakeOptions()), logs ?? NullLoggerFactory.Instance);
    }

    public async Task InitializeAsync()
    {
        _repositoryRoot = FindRepositoryRoot();
        _azuritePath = Path.Combine(_repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(_azuritePath))
        {
            throw new InvalidOperationException(
                $"Azurite was not found at '{_azuritePath}'. Run 'npm ci' at the repository root ({_repositoryRoot}) to install it.");
        }

        var ports = FreePorts(3);
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
    }

    /// <summary>
    /// Starts Azurite on the fixture's ports (again, after <see cref="StopAsync"/>). Azurite runs with in-memory
    /// persistence, so a restart loses every queue, message, table and entity created before it.
    /// </summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            return;
        }

        _location = Path.Combine(Path.GetTempPath(), "renderhooks-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_location);
        lock (_outputLock)
        {
            _output.Clear();
        }

        var startInfo = AzuriteCommand.Create(_azuritePath!, _location, BlobPort, QueuePort, TablePort, "--inMemoryPersistence");

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
                await WaitForPortAsync(process, port, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            await StopAsync();
            string output;
            lock (_outputLock)
            {
                output = _output.ToString();
            }

            throw new InvalidOperationException(
                $"Azurite did not start listening on ports {BlobPort}/{QueuePort}/{TablePort} within {StartTimeout.TotalSeconds} s. Output:\n{output}",
                exception);
        }
    }

    /// <summary>Stops Azurite (the whole process tree); its in-memory state is lost.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(timeout.Token);
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

            await WaitForPortsReleasedAsync();
        }

        if (_location is not null)
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }

            _location = null;
        }
    }

    /// <summary>A name valid as both a queue and a table name: lowercase letters and digits, starting with a letter, at most 40 characters, unique per call.</summary>
    public string UniqueName(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)).ToArray());
        if (cleaned.Length == 0 || !char.IsAsciiLetterLower(cleaned[0]))
        {
            cleaned = "t" + cleaned;
        }

        var suffix = Interlocked.Increment(ref _nameCounter).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];
        var head = cleaned.Length > 40 - suffix.Length ? cleaned[..(40 - suffix.Length)] : cleaned;
        var name = head + suffix;
        return name.Length >= 3 ? name : name + "xyz"[..(3 - name.Length)];
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

    internal static async Task WaitForPortAsync(Process process, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private async Task WaitForPortsReleasedAsync()
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
                catch (SocketException)
                {
                    break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Distinct free ports: all listeners are held open together so the OS cannot hand out one port twice.</summary>
    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No package.json was found above '{AppContext.BaseDirectory}'; the tests must run from the repository, where 'npm ci' installs Azurite.");
    }
}
