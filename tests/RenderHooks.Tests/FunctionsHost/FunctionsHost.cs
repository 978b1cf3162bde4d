using System.Net;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The Functions app running under a real Functions host (see <see cref="FunctionsHostCommand"/>) on a free loopback
/// port, with a work folder of its own for its keys and files. Disposing kills the host and its worker and removes
/// the folder; <see cref="StopAsync"/> stops them as Azure does (SIGTERM), so the host flushes its telemetry.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    /// <summary>A host and its worker start in ~10 s on an idle machine; a loaded one has been seen to take four times that.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly HostedProcess _process;
    private readonly string _workFolder;
    private readonly string _secretsFolder;

    private FunctionsHost(HostedProcess process, string workFolder, string secretsFolder, string description, TimerLog timers)
    {
        _process = process;
        Timers = timers;
        _workFolder = workFolder;
        _secretsFolder = secretsFolder;
        Description = description;
    }

    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>Which host runs the app, and where it is.</summary>
    public string Description { get; }

    /// <summary>The host's timer functions: their schedules and firings, from its log.</summary>
    public TimerLog Timers { get; }

    /// <summary>The last lines the host and its worker wrote.</summary>
    public string RecentOutput => _process.RecentOutput;

    /// <summary>
    /// Starts the app in <paramref name="app"/> under the host, on <paramref name="storage"/> (the connection string of
    /// <c>AzureWebJobsStorage</c>), with <paramref name="settings"/> as app settings, and waits until <c>/api/health</c>
    /// answers 200: the worker is up, the functions are loaded and the app's storage answers. Every line the host and
    /// its worker write also goes to <paramref name="onLine"/>.
    /// </summary>
    public static async Task<FunctionsHost> StartAsync(
        FunctionsApp app, string storage, IEnumerable<KeyValuePair<string, string?>> settings, Action<string>? onLine = null)
    {
        var command = FunctionsHostCommand.Require();
        var workFolder = Path.Combine(Path.GetTempPath(), "renderhooks-functions-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        var port = AzuriteFixture.FreePorts(1)[0];
        var startInfo = command.StartInfo(app.Folder, port, workFolder, settings.Prepend(new("AzureWebJobsStorage", storage)));
        try
        {
            var timers = new TimerLog();
            var process = await HostedProcess.StartAsync(
                command.Description,
                startInfo,
                new Uri($"http://127.0.0.1:{port}"),
                StartTimeout,
                line =>
                {
                    timers.Observe(line);
                    onLine?.Invoke(line);
                });
            return new FunctionsHost(process, workFolder, FunctionsHostCommand.SecretsFolder(workFolder, command.IsCoreTools), command.Description, timers);
        }
        catch
        {
            DeleteFolder(workFolder);
            throw;
        }
    }

    public HttpClient CreateClient() => _process.CreateClient();

    /// <summary>
    /// The host's default function key (<c>functionKeys</c> in its <c>host.json</c> secrets), which opens every function
    /// with <c>AuthorizationLevel.Function</c>. The host writes its keys the first time a request presents one, so a
    /// request with a wrong key (answered 401) comes first.
    /// </summary>
    public async Task<string> GetFunctionKeyAsync()
    {
        var file = Path.Combine(_secretsFolder, "host.json");
        if (!File.Exists(file))
        {
            using var client = CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/phantomflow/key-probe");
            request.Headers.Add("x-functions-key", "not-a-function-key");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var key = await Eventually.GetAsync(() => Task.FromResult(ReadDefaultKey(file)), k => k is not null, $"the host's keys in {file}", TimeSpan.FromSeconds(30));
        return key!;
    }

    /// <summary>Stops the host gracefully (SIGTERM); true when it and its worker exited within <paramref name="timeout"/>, else they are killed.</summary>
    public Task<bool> StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        DeleteFolder(_workFolder);
    }

    private static string? ReadDefaultKey(string file)
    {
        try
        {
            using var secrets = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var key in secrets.RootElement.GetProperty("functionKeys").EnumerateArray())
            {
                if (key.GetProperty("name").GetString() == "default")
                {
                    if (key.TryGetProperty("encrypted", out var encrypted) && encrypted.GetBoolean())
                    {
                        throw new InvalidOperationException($"The host encrypted its keys in {file}; the tests run it without an encryption key.");
                    }

                    return key.GetProperty("value").GetString();
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return null; // Not there yet, or being written.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: it is under the temporary folder.
        }
    }
}
