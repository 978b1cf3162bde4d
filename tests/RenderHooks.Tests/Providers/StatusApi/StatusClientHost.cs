using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>The status clients as the library registers them, on given settings, with every log line (Trace and up) captured.</summary>
internal sealed class StatusClientHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StatusClientHost(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _services;

    public static StatusClientHost Create(
        IReadOnlyDictionary<string, string?> settings,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        configure?.Invoke(services);
        services.AddProviderStatusClients();
        return new StatusClientHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public IProviderStatusClient Client(string provider) =>
        _services.GetServices<IProviderStatusClient>().Single(c => c.Provider == provider);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
