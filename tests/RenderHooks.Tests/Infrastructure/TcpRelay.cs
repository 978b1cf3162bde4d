using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// Forwards a free loopback port to a target port, byte for byte, until a test cuts it: then new connections are
/// refused and every open one is reset at once, so no answer crosses it afterwards, until it is restored. Counts the
/// HTTP/1.1 requests it forwards (<see cref="Requests"/>), for a test of how often a server calls storage.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Task, (Socket Client, Socket? Target)> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private Task _accepting = Task.CompletedTask;
    private int _requests;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        Port = AzuriteFixture.FreePorts(1)[0];
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>HTTP/1.1 requests forwarded so far (request lines seen from clients; bodies holding one would count too).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Whether the relay forwards (opened and not cut since).</summary>
    public bool IsOpen => _listener is not null;

    /// <summary>Starts forwarding (again, after <see cref="CutAsync"/>).</summary>
    public void Open()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The relay is already open.");
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _running = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _running.Token);
    }

    /// <summary>Refuses new connections and resets the open ones; returns once nothing is forwarded any more.</summary>
    public async Task CutAsync()
    {
        var listener = _listener;
        var running = _running;
        if (listener is null || running is null)
        {
            return;
        }

        _listener = null;
        _running = null;
        await running.CancelAsync();
        listener.Stop();
        await _accepting;
        foreach (var (client, target) in _connections.Values)
        {
            Reset(client);
            if (target is not null)
            {
                Reset(target);
            }
        }

        await Task.WhenAll(_connections.Keys);
        running.Dispose();
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private static void Reset(Socket connection)
    {
        try
        {
            // Linger 0: close with a reset, discarding anything not yet sent.
            connection.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Already closed.
        }

        connection.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connected = new TaskCompletionSource<TcpClient?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var relaying = RelayAsync(client, connected.Task, cancellationToken);
            _connections[relaying] = (client.Client, null);
            var target = await ConnectAsync(cancellationToken);
            if (target is not null)
            {
                _connections[relaying] = (client.Client, target.Client);
            }

            connected.SetResult(target);
            _ = relaying.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<TcpClient?> ConnectAsync(CancellationToken cancellationToken)
    {
        var target = new TcpClient();
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken);
            return target;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            target.Dispose();
            return null;
        }
    }

    private async Task RelayAsync(TcpClient client, Task<TcpClient?> connecting, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var target = await connecting;
        if (target is null)
        {
            Reset(client.Client);
            return;
        }

        var copies = new List<Task>();
        try
        {
            var upstream = client.GetStream();
            var downstream = target.GetStream();
            copies.Add(CopyCountingRequestsAsync(upstream, downstream, cancellationToken));
            copies.Add(downstream.CopyToAsync(upstream, cancellationToken));
            await Task.WhenAny(copies);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The relay was cut before the streams were open.
        }
        finally
        {
            // One side finished, or the relay was cut: close both, so the other copy ends too.
            client.Close();
            target.Close();
            await Task.WhenAll(copies).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Copies a client's bytes to the target, counting request lines (" HTTP/1.1" + CRLF), also when one spans two reads.</summary>
    private async Task CopyCountingRequestsAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var marker = " HTTP/1.1\r\n"u8.ToArray();
        var buffer = new byte[16 * 1024 + marker.Length];
        var carried = 0;
        while (true)
        {
            var read = await from.ReadAsync(buffer.AsMemory(carried, buffer.Length - carried), cancellationToken);
            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(carried, read), cancellationToken);
            var seen = buffer.AsSpan(0, carried + read);
            for (var at = seen.IndexOf(marker); at >= 0; at = seen.IndexOf(marker))
            {
                Interlocked.Increment(ref _requests);
                seen = seen[(at + marker.Length)..];
            }

            // Keep the last bytes, in case the next read completes a marker they begin.
            carried = Math.Min(marker.Length - 1, seen.Length);
            seen[^carried..].CopyTo(buffer);
        }
    }
}
