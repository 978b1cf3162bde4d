using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Resilience;

/// <summary>
/// Storage a test can take away and bring back: an Azurite with its data on disk, reached through relays on its
/// blob, queue and table ports. An outage cuts the relays first — from then on every connection is refused and no answer
/// reaches the server — then stops Azurite gracefully; its end starts Azurite again on the same data and reopens
/// the relays. Cutting first makes the outage one instant for the server: a write answered before it was done
/// before Azurite saved its data (which a request still in Azurite's hands at its stop need not be), so whatever
/// the server saw acknowledged survives, as it does on real storage, while writes cut short stay in doubt, as on
/// real storage.
/// </summary>
internal sealed class StorageOutage : IAsyncDisposable
{
    private readonly PersistentAzurite _azurite;
    private readonly TcpRelay _blob;
    private readonly TcpRelay _queue;
    private readonly TcpRelay _table;

    private StorageOutage(PersistentAzurite azurite)
    {
        _azurite = azurite;
        _blob = new TcpRelay(azurite.BlobPort);
        _queue = new TcpRelay(azurite.QueuePort);
        _table = new TcpRelay(azurite.TablePort);
        _blob.Open();
        _queue.Open();
        _table.Open();
    }

    /// <summary>The storage account as the server reaches it: blobs, queues and tables through the relays.</summary>
    public string ConnectionString => PersistentAzurite.ConnectionStringFor(_blob.Port, _queue.Port, _table.Port);

    public static async Task<StorageOutage> CreateAsync() => new(await PersistentAzurite.CreateAsync());

    /// <summary>Storage becomes unreachable, then Azurite stops.</summary>
    public async Task BeginAsync()
    {
        await Task.WhenAll(_blob.CutAsync(), _queue.CutAsync(), _table.CutAsync());
        await _azurite.StopAsync();
    }

    /// <summary>Azurite starts again on the same data, then storage is reachable again.</summary>
    public async Task EndAsync()
    {
        await _azurite.StartAsync();
        _blob.Open();
        _queue.Open();
        _table.Open();
    }

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync();
        await _queue.DisposeAsync();
        await _table.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
