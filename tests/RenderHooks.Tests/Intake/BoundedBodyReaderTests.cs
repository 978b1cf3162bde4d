using System.Buffers;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Intake;

public sealed class BoundedBodyReaderTests(ITestOutputHelper output)
{
    private const int OneMiB = 1_048_576;

    [Theory]
    [InlineData(0, 100, null)]
    [InlineData(1, 100, null)]
    [InlineData(100, 100, null)]
    [InlineData(100, 100, 100L)]
    [InlineData(5000, 35840, 10L)]
    [InlineData(35840, 35840, null)]
    [InlineData(40_960, OneMiB, null)]
    [InlineData(40_960, OneMiB, 40_960L)]
    [InlineData(OneMiB, OneMiB, null)]
    [InlineData(OneMiB, OneMiB, (long)OneMiB)]
    [InlineData(OneMiB, OneMiB, 4096L)]
    public async Task ReadAsync_AtOrUnderLimit_ReturnsEveryByte(int size, int max, long? declared)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();

        using var body = await BoundedBodyReader.ReadAsync(new TrickleStream(bytes), max, declared, CancellationToken.None);

        Assert.NotNull(body);
        Assert.Equal(bytes, body.Memory.ToArray());
    }

    [Theory]
    [InlineData(101, 100, null)]
    [InlineData(35841, 35840, 1L)]
    [InlineData(1_000_000, 35840, null)]
    [InlineData(OneMiB + 1, OneMiB, null)]
    [InlineData(OneMiB + 1, OneMiB, (long)OneMiB)]
    [InlineData(3 * OneMiB, OneMiB, 1000L)]
    public async Task ReadAsync_OverLimit_ReturnsNull(int size, int max, long? declared)
    {
        var body = await BoundedBodyReader.ReadAsync(new TrickleStream(new byte[size]), max, declared, CancellationToken.None);

        Assert.Null(body);
    }

    /// <summary>
    /// A 1 MiB body costs one buffer of its size and a constant: with its Content-Length, one buffer of that length; without
    /// one (chunked), a first buffer for a queue-sized body and one of the limit's size, never a doubling chain nor a copy
    /// of the whole body. Counted with a pool that allocates every buffer it hands out, so each rent shows.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadAsync_OneMiBBody_AllocatesOneBodyAndAConstant(bool declared)
    {
        var bytes = new byte[OneMiB];
        var pool = new AllocatingPool();

        var allocated = Allocations.Measure(() =>
        {
            using var body = BoundedBodyReader.ReadAsync(new MemoryStream(bytes), OneMiB, declared ? OneMiB : null, pool, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(OneMiB, body!.Length);
        });

        output.WriteLine($"{pool.Rented / 2} buffer(s) rented per read");
        Assert.True(pool.Rented / 2 <= (declared ? 1 : 2), $"{pool.Rented / 2} buffers rented for one body");
        // Without a length, the first buffer is a queue message's body (36 KiB): the constant.
        Allocations.AssertLinear(allocated, OneMiB, 1.0, $"a 1 MiB body read {(declared ? "with" : "without")} its Content-Length", allowance: declared ? 0 : 40 * 1024, output: output);
    }

    /// <summary>Returns at most 1,000 bytes a read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }

    /// <summary>A pool that allocates exactly what is asked for every time and keeps nothing: every rent is an allocation.</summary>
    private sealed class AllocatingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }
}
