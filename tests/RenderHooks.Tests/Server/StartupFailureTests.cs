using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The built server started as an operator starts it (<c>dotnet RenderHooks.Server.dll</c>, settings in environment
/// variables) with something wrong: a start refused for a setting or a taken port prints one line on stderr saying what
/// is wrong and how to fix it, exits 1, and prints no stack trace anywhere; any other failure keeps its stack.
/// </summary>
public sealed class StartupFailureTests
{
    private const string Token = "startup-test-token-0123456789";
    private const string ManagementKey = "startup-test-management-key-0123456789";

    [Fact]
    public async Task TokenShorterThan16Characters_OneLineNamingTheSetting_Exit1()
    {
        var run = await RunServerAsync(Settings(("RenderHooks:WebhookTokens:0", "short-tok")));

        var line = AssertOneLineFailure(run);
        Assert.Contains("RenderHooks:WebhookTokens:0 must be at least 16 characters", line, StringComparison.Ordinal);
        Assert.Contains("start again", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", line, StringComparison.Ordinal);
        Assert.DoesNotContain("short-tok", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionWithoutAzureWebJobsStorage_OneLineSayingWhatToSet_Exit1()
    {
        var run = await RunServerAsync(Settings(("AzureWebJobsStorage", null)), environment: "Production");

        var line = AssertOneLineFailure(run);
        Assert.Contains("'AzureWebJobsStorage' is missing", line, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedStorageConnectionString_OneLineNamingTheSetting_NoKey_Exit1()
    {
        var run = await RunServerAsync(Settings(("AzureWebJobsStorage", "AccountName=devacct;AccountKey=not*base64*secret")));

        var line = AssertOneLineFailure(run);
        Assert.Contains("not valid base64", line, StringComparison.Ordinal);
        Assert.Contains("Fix the setting 'AzureWebJobsStorage'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64*secret", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityBasedStorageWithoutABlobEndpoint_OneLineNamingBlobServiceUri_Exit1()
    {
        var run = await RunServerAsync(Settings(
            ("AzureWebJobsStorage", null),
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net/"),
            ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net/")));

        var line = AssertOneLineFailure(run);
        Assert.Contains("gives no blob endpoint", line, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsStorage__blobServiceUri'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionsValidationFailures_AllInOneLine_Exit1()
    {
        var run = await RunServerAsync(Settings(("RenderHooks:ManagementKey", null), ("RenderHooks:Reconcile:MaxConcurrentChecks", "0")));

        var line = AssertOneLineFailure(run);
        Assert.Contains("RenderHooks:ManagementKey is required", line, StringComparison.Ordinal);
        Assert.Contains("The field MaxConcurrentChecks must be between 1 and 64. (ReconcileOptions.MaxConcurrentChecks)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_OneLineWithTheAddressAndTheFix_Exit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}");

        var run = await RunServerAsync(Settings(), url: url);

        var line = AssertOneLineFailure(run);
        Assert.Contains($"Failed to bind to address {url}: address already in use.", line, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureNotOfASetting_KeepsItsStackTrace()
    {
        // Not a failure StartupFailure knows: it is reported as the runtime reports any unhandled exception.
        var run = await RunServerAsync(Settings(), url: "ftp://127.0.0.1:1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(1, run.ExitCode);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: Unrecognized scheme", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Hosting failed to start", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("RenderHooks cannot start", run.StandardError, StringComparison.Ordinal);
    }

    private static string AssertOneLineFailure(ServerRun run)
    {
        Assert.Equal(1, run.ExitCode);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("RenderHooks cannot start: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Valid settings but for <paramref name="overrides"/> (a null value leaves the setting out).</summary>
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["RenderHooks:WebhookTokens:0"] = Token,
            ["RenderHooks:ManagementKey"] = ManagementKey,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<ServerRun> RunServerAsync(Dictionary<string, string?> settings, string environment = "Testing", string? url = null)
    {
        var serverDll = typeof(Program).Assembly.Location;
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(serverDll);
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("RenderHooks__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        startInfo.Environment["ASPNETCORE_URLS"] = url ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{AzuriteFixture.FreePorts(1)[0]}");
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server did not stop on its own. Output:\n{await stdout}\n{await stderr}");
        }

        return new ServerRun(process.ExitCode, await stdout, await stderr);
    }

    private sealed record ServerRun(int ExitCode, string StandardOutput, string StandardError);
}
