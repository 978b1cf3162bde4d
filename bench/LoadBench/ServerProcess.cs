namespace RenderHooks.LoadBench;

/// <summary>
/// The Release server as a process of its own (so its memory is its own), in its output folder with its
/// appsettings.json (Production settings), on the benchmark's Azurite, with or without processing.
/// Environment variables set for the benchmark (e.g. <c>Logging__LogLevel__Default</c>) pass through to it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string Token = "loadbench-token-0123456789abcdef";

    private readonly ChildProcess _process;

    private ServerProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Pid;

    public static async Task<ServerProcess> StartAsync(BenchOptions options, string connectionString, bool processing)
    {
        var address = new Uri($"http://127.0.0.1:{options.ServerPort}");
        var path = Path.GetFullPath(options.ServerPath);
        var process = await ChildProcess.StartAsync(
            "server",
            path,
            [],
            Path.GetDirectoryName(path)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["AzureWebJobsStorage"] = connectionString,
                ["RenderHooks__WebhookTokens__0"] = Token,
                ["RenderHooks__ManagementKey"] = "loadbench-management-key",
                ["RenderHooks__QueueListener__Enabled"] = processing ? "true" : "false",
            },
            options.WorkFolder);
        var server = new ServerProcess(process, address);
        try
        {
            await process.WaitUntilHealthyAsync(
                "The server", new Uri(address, "/api/health"), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public long PeakWorkingSetBytes() => _process.PeakWorkingSetBytes();

    /// <summary>This server's warnings and errors, counted by event.</summary>
    public string LogSummary() => ServerLogSummary.Summarize(_process.Log, _process.LogStart);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
