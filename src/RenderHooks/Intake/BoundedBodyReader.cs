using System.Buffers;

namespace RenderHooks.Intake;

/// <summary>
/// Reads a request body into one pooled buffer, stopping one byte past the limit. With a Content-Length the buffer is
/// that size, rented once; without one, a body up to <see cref="IntakeOptions.QueueBodyLimit"/> fits the first buffer,
/// and a larger one is copied once into a buffer of the limit's size: at most two buffers and one copy of a small
/// body per request, never a doubling chain.
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

        // The declared length, or a small first guess; a body longer than declared (no host lets one through) still
        // only grows once, to the limit.
        var first = contentLength is { } declared ? (int)Math.Max(declared, 1) : Math.Min(IntakeOptions.QueueBodyLimit, maxBytes) + 1;
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

                    // Once: a buffer of the limit's size, so that a body at the limit costs one buffer of its size.
                    var larger = pool.Rent(maxBytes);
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
