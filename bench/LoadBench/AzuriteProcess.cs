using System.Diagnostics;
using System.Net.Sockets;

namespace RenderHooks.LoadBench;

/// <summary>
/// A fresh in-memory Azurite on fixed ports. Its queue store slows down as messages accumulate (a Get Messages
/// scans every message of the account; deleting a large queue takes minutes), and once a minute its queue garbage
/// collection stalls it for seconds when thousands of messages have come and gone; so each measurement starts on a
/// new one and ends within the minute.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>How often Azurite 3.37's queue service collects the extents of deleted messages (DEFAULT_GC_INTERVAL_MS).</summary>
    public static readonly TimeSpan GarbageCollectionInterval = TimeSpan.FromMinutes(1);

    private readonly ChildProcess _process;
    private readonly long _started = Stopwatch.GetTimestamp();

    private AzuriteProcess(ChildProcess process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public int Pid => _process.Pid;

    public TimeSpan Age => Stopwatch.GetElapsedTime(_started);

    public static async Task<AzuriteProcess> StartAsync(BenchOptions options)
    {
        int blob = options.BasePort, queue = options.BasePort + 1, table = options.BasePort + 2;
        var path = Path.GetFullPath(options.AzuritePath);
        var process = await ChildProcess.StartAsync(
            "azurite",
            path,
            [
                "--silent", "--disableTelemetry", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            ],
            options.WorkFolder,
            new Dictionary<string, string>(),
            options.WorkFolder);
        var azurite = new AzuriteProcess(
            process,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!await ListeningAsync(queue) || !await ListeningAsync(table))
            {
                process.ThrowIfExited("Azurite");
                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"Azurite did not listen within 30 s; see {process.Log}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
            }

            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
