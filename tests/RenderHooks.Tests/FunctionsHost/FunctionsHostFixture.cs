using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// One test class's Functions host: the app under a real host on an Azurite of its own, its providers' status APIs
/// played by <see cref="ProviderStatusServer"/>, reconciliation every 2 seconds. An Azurite per host, rather than
/// names per test as elsewhere: the queue trigger's queue name is fixed in code (<c>renderhooks-deliveries</c>), and the
/// host keeps its locks (the primary host lock, the timer's singleton lock) in the account under a host id derived from
/// the machine name and the app's folder, so two hosts of the app on one account would contend for them. Started by the first test that needs it (a class fixture cannot wait
/// for the collection's build), stopped after the class.
/// </summary>
public sealed class FunctionsHostFixture : IAsyncLifetime
{
    public const string Token = "functions-host-test-token-0123456789";

    /// <summary>NCRONTAB with seconds: every 2 seconds, where the default runs every 5 minutes.</summary>
    public const string ReconcileSchedule = "*/2 * * * * *";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private AzuriteFixture? _azurite;
    private ProviderStatusServer? _status;
    private FunctionsHost? _host;

    public ProviderStatusServer Status => _status ?? throw new InvalidOperationException("No Functions host was found, so nothing was started.");

    public AppStorage Storage => new((_azurite ?? throw new InvalidOperationException("No Functions host was found, so nothing was started.")).ConnectionString);

    public string StorageConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        if (FunctionsHostCommand.Find(out _) is null)
        {
            return; // Every test of the class is skipped.
        }

        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
        _status = await ProviderStatusServer.StartAsync();
    }

    /// <summary>The host, started on the first call, with <paramref name="settings"/> over the fixture's own.</summary>
    public async Task<FunctionsHost> HostAsync(FunctionsApp app, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await _starting.WaitAsync();
        try
        {
            _host ??= await FunctionsHost.StartAsync(app, _azurite!.ConnectionString, Settings().Concat(settings ?? new Dictionary<string, string?>()));
            return _host;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_status is not null)
        {
            await _status.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _starting.Dispose();
    }

    private Dictionary<string, string?> Settings() => new(Status.Settings())
    {
        ["RenderHooks:WebhookTokens:0"] = Token,
        ["RenderHooks:Reconcile:Schedule"] = ReconcileSchedule,
        ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:00:00",
    };
}
