using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>The server as a contract host: <see cref="ServerFactory"/>, its queue consumer processing on its own.</summary>
public sealed class ServerContractHost(ServerFactory server, HttpClient client) : IContractHost
{
    public HttpClient Client { get; } = client;

    public IServiceProvider Services => server.Services;

    public RenderHooksStorage Storage => server.Storage;

    public CapturedLogs Logs => server.Logs;

    public Task ProcessDeliveriesAsync() => Task.CompletedTask;

    public Task DeleteStorageAsync() => server.DeleteStorageAsync();

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return server.DisposeAsync();
    }
}
