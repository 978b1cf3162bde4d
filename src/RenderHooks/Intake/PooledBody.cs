using System.Buffers;

namespace RenderHooks.Intake;

/// <summary>
/// A request body read into one buffer rented from a pool (<see cref="BoundedBodyReader"/>); <see cref="Dispose"/>
/// returns it. Whatever is made of <see cref="Memory"/> must not outlive the body.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _buffer;

    public PooledBody(ArrayPool<byte> pool, byte[] buffer, int length)
    {
        _pool = pool;
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Memory.Span;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            _pool.Return(buffer);
        }
    }
}
