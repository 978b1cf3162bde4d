using System.Net.Sockets;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Sends bytes as they are over a TCP connection and reads what comes back: for requests an HTTP client would refuse to
/// write or would tidy up first (bare CRs, NULs, dot segments, invalid request lines, conflicting framing headers).
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the server closes the connection or <paramref name="timeout"/> passes.</summary>
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout);
        await client.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before reading everything (a 400 on the request line): read its answer.
        }

        return await ReadAsync(stream, cancel.Token);
    }

    /// <summary>Opens a connection for a test that writes at its own pace.</summary>
    public static async Task<TcpClient> ConnectAsync(Uri server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        return client;
    }

    /// <summary>Reads an answer until the server closes the connection; a timeout gives <see cref="RawResponse.TimedOut"/>.</summary>
    public static async Task<RawResponse> ReadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return RawResponse.Parse(received.ToArray(), timedOut: true);
        }
        catch (IOException)
        {
            // Reset by the server after (or instead of) its answer: what arrived is the answer.
        }

        return RawResponse.Parse(received.ToArray(), timedOut: false);
    }
}
