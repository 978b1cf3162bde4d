using System.Diagnostics;
using System.Globalization;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// The built RenderHooks server in a process of its own (<c>dotnet RenderHooks.Server.dll</c>, the copy next to the
/// tests), configured by environment variables as a deployment would be, so a test can kill it outright.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly HostedProcess _process;

    private ServerProcess(HostedProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote (its log, at the level the settings ask for).</summary>
    public string RecentOutput => _process.RecentOutput;

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
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { WorkingDirectory = directory };
        startInfo.ArgumentList.Add(serverDll);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServerProcess(await HostedProcess.StartAsync("The server", startInfo, baseAddress, StartTimeout));
    }

    public HttpClient CreateClient() => _process.CreateClient();

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs, in-flight work is cut wherever it is.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
