using System.Buffers;

namespace RenderHooks.Intake;

/// <summary>
/// Reads a request body into a pooled buffer, stopping one byte past the limit. Memory follows the bytes that arrived,
/// never the length a caller declares (the token is public: a Content-Length of 1 MiB and a trickle must not hold
/// 1 MiB): the first buffer fits a queue-sized body (or the declared length, when smaller), and a full buffer is
/// replaced by one twice its size, capped at the declared length or the limit. So a body holds at most about twice its
/// received bytes plus 36 KiB, in at most two buffers at once (during a copy), and a body of its declared length ends in a
/// buffer of that length.
/// </summary>
internal static class BoundedBodyReader
{
    /// <returns>The body (dispose it to return its buffer), or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static Task<PooledBody?> ReadAsync(Stream body, int maxBytes, long? contentLength, CancellationToken cancellationToken) =>
        ReadAsync(body, maxBytes, contentLength, ArrayPool<byte>.Shared, cancellationToken);

    /// <inheritdoc cref="ReadAsync(Stream, int, long?, CancellationToken)"/>
    internal static async Task<PooledBody?> ReadAsync(Stream body, int maxBytes, long? contentLength, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > maxBytes)
        {
            return null;
        }

        // Never more than a queue-sized body up front, whatever is declared; the declared length caps the growth below.
        var cap = contentLength is { } declared ? (int)Math.Max(declared, 1) : maxBytes;
        var first = Math.Min(cap, Math.Min(IntakeOptions.QueueBodyLimit, maxBytes) + 1);
        var buffer = pool.Rent(first);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Full: the end of the stream, unless the body is longer than the buffer (than declared, or than the first guess).
                    var probe = new byte[1];
                    if (await body.ReadAsync(probe, cancellationToken) == 0)
                    {
                        return Keep(ref buffer, length, pool);
                    }

                    if (length >= maxBytes)
                    {
                        return null;
                    }

                    // Twice the size, up to the declared length (or the limit, for a body longer than declared).
                    var next = (int)Math.Min(2L * buffer.Length, cap > length ? cap : maxBytes);
                    var larger = pool.Rent(Math.Min(next, maxBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                    buffer[length++] = probe[0];
                    continue;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxBytes + 1) - length), cancellationToken);
                if (read == 0)
                {
                    return Keep(ref buffer, length, pool);
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                pool.Return(buffer);
            }
        }
    }

    private static PooledBody Keep(ref byte[] buffer, int length, ArrayPool<byte> pool)
    {
        var body = new PooledBody(pool, buffer, length);
        buffer = null!;
        return body;
    }
}
