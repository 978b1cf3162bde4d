using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// One host of the HTTP contract, running on Azurite with queue and table names of its own: the server
/// (<see cref="ServerContractHost"/>) or the Functions app (<see cref="FunctionsContractHost"/>). A contract case sees
/// it from outside: what it answers over HTTP, what it stored, what it logged.
/// </summary>
public interface IContractHost : IAsyncDisposable
{
    HttpClient Client { get; }

    IServiceProvider Services { get; }

    RenderHooksStorage Storage { get; }

    CapturedLogs Logs { get; }

    /// <summary>
    /// Has the deliveries queued so far processed, as the host's queue consumer would. The server's consumer runs on
    /// its own, so this returns at once and the case waits for what processing stores; for the Functions app it runs
    /// <c>ProcessDelivery</c> on each message, as the queue trigger would.
    /// </summary>
    Task ProcessDeliveriesAsync();

    Task DeleteStorageAsync();
}
