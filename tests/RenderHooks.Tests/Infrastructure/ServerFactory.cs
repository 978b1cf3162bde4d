using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// The RenderHooks server in-process, on Azurite, with names of its own and every log line captured. A request may name
/// the address it comes from (<see cref="TestPeer"/>).
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public const string Token = "server-test-token-0123456789";
    public const string SecondToken = "rotated-token-abcdefghijklmnop";
    public const string ManagementKey = "server-test-management-key-42";

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _overrides;

    private readonly Action<IServiceCollection>? _services;

    public ServerFactory(
        AzuriteFixture azurite,
        Dictionary<string, string?>? overrides = null,
        string? connectionString = null,
        PipelineNames? names = null,
        Action<IServiceCollection>? services = null)
        : this(connectionString ?? azurite.ConnectionString, names ?? PipelineNames.Unique(azurite), overrides, services)
    {
    }

    /// <summary>A server on storage the shared Azurite does not serve (one a test stops and starts, say).</summary>
    public ServerFactory(
        string connectionString,
        PipelineNames names,
        Dictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Names = names;
        _connectionString = connectionString;
        _overrides = overrides ?? [];
    }

    public PipelineNames Names { get; }

    public CapturedLogs Logs { get; } = new();

    public RenderHooksStorage Storage => Services.GetRequiredService<RenderHooksStorage>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("AzureWebJobsStorage", _connectionString);
        builder.UseSetting("RenderHooks:WebhookTokens:0", Token);
        builder.UseSetting("RenderHooks:WebhookTokens:1", SecondToken);
        builder.UseSetting("RenderHooks:ManagementKey", ManagementKey);
        builder.UseSetting("RenderHooks:QueueListener:MaxPollingInterval", "00:00:00.200");
        builder.UseSetting("RenderHooks:QueueListener:RetryDelay", "00:00:00");
        builder.UseSetting("RenderHooks:Intake:EnqueueTimeout", "00:00:02");
        builder.UseSetting("RenderHooks:Intake:EnqueueRetries", "1");
        foreach (var (key, value) in Names.AsSettings())
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in _overrides)
        {
            builder.UseSetting(key, value);
        }

        // The test reads the captured logs; the console's copy of every host's log would bury the test run's progress.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestPeerStartupFilter>());
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>A client of the server once its storage is ready (health answers 200).</summary>
    public async Task<HttpClient> CreateHealthyClientAsync()
    {
        var client = CreateClient();
        await Eventually.GetAsync(() => client.GetAsync("/api/health"), r => r.StatusCode == System.Net.HttpStatusCode.OK, "a healthy server");
        return client;
    }

    public Task DeleteStorageAsync() => Storage.DeleteAllAsync();
}
