namespace RenderHooks.LoadBench;

/// <summary>
/// The Functions app (its Release build output) under a real Functions host on the benchmark's Azurite: the WebHost
/// dll named by <c>--functions-host</c> (run with dotnet), or Core Tools' <c>func</c> (<c>func start --script-root …
/// --no-build</c>). Processing is off as the server's is in the intake phases: the queue trigger is disabled with the
/// host's own app setting (<c>AzureWebJobs_ProcessDelivery_Disabled</c>), so its listener never polls the deliveries
/// queue and intake alone uses Azurite; the reconciliation timer is disabled the same way (see below). Keys, logs and temporary files go to the work folder; disposing kills the
/// host and its worker.
/// </summary>
internal sealed class FunctionsHostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FunctionsHostProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Pid;

    public static async Task<FunctionsHostProcess> StartAsync(BenchOptions options, string connectionString)
    {
        var host = Path.GetFullPath(options.FunctionsHostPath!);
        var app = Path.GetFullPath(options.FunctionsAppFolder!);
        var address = new Uri($"http://127.0.0.1:{options.FunctionsHostPort}");
        var work = Path.Combine(options.WorkFolder, "functions-host");
        Directory.CreateDirectory(Path.Combine(work, "tmp"));
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsSecretStorageType"] = "files",
            ["FUNCTIONS_SECRETS_PATH"] = Path.Combine(work, "secrets"),
            ["TMPDIR"] = Path.Combine(work, "tmp"),
            ["CONTAINER_NAME"] = "", // Set on some build machines: the host would wait for a Linux Consumption assignment.
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
            ["FUNCTIONS_CORE_TOOLS_TELEMETRY_OPTOUT"] = "1",
            ["RenderHooks__WebhookTokens__0"] = ServerProcess.Token,
            ["AzureWebJobs_ProcessDelivery_Disabled"] = "true",
            // The timer too: its singleton lock lives in a blob, and the host stops when a renewal finds the blob gone, as
            // it is after each fresh Azurite. The schedule is set all the same, so the function is indexed, then disabled.
            ["AzureWebJobs_ReconcileJobs_Disabled"] = "true",
            ["RenderHooks__Reconcile__Schedule"] = "0 */5 * * * *",
        };
        ChildProcess process;
        if (host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            environment["AzureWebJobsScriptRoot"] = app;
            environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
            process = await ChildProcess.StartAsync("functions-host", "dotnet", [host], work, environment, options.WorkFolder);
        }
        else
        {
            process = await ChildProcess.StartAsync(
                "functions-host", host, ["start", "--script-root", app, "--port", $"{options.FunctionsHostPort}", "--no-build"], work, environment, options.WorkFolder);
        }

        var functionsHost = new FunctionsHostProcess(process, address);
        try
        {
            await process.WaitUntilHealthyAsync(
                "The Functions host", new Uri(address, "/api/health"), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(500));
            return functionsHost;
        }
        catch
        {
            await functionsHost.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host's and its worker's peak resident sets (VmHWM), in bytes, added.</summary>
    public long PeakWorkingSetBytes() =>
        _process.PeakWorkingSetBytes() + ProcessTree.Descendants(Pid).Sum(pid => ChildProcess.PeakWorkingSetBytes(pid));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
