using RenderHooks.Storage;
using RenderHooks.Tests.FunctionsApp;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>The Functions app as a contract host: <see cref="FunctionsAppHost"/>, its functions called in process.</summary>
public sealed class FunctionsContractHost(FunctionsAppHost app) : IContractHost
{
    public HttpClient Client { get; } = app.CreateClient();

    public IServiceProvider Services => app.Services;

    public RenderHooksStorage Storage => app.Storage;

    public CapturedLogs Logs => app.Logs;

    public Task ProcessDeliveriesAsync() => app.ProcessDeliveriesAsync();

    public Task DeleteStorageAsync() => app.DeleteStorageAsync();

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return app.DisposeAsync();
    }
}
