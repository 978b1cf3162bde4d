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
    /// A 1 MiB body costs about twice its size in all and never more than two buffers at once: the buffer doubles as bytes
    /// arrive (from a queue-sized first one), so a declared length is never rented up front. Counted with a pool that
    /// allocates every buffer it hands out, so each rent shows.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadAsync_OneMiBBody_AllocatesAboutTwiceItsSizeInAtMostTwoBuffersAtOnce(bool declared)
    {
        var bytes = new byte[OneMiB];
        var pool = new AllocatingPool();

        var allocated = Allocations.Measure(() =>
        {
            using var body = BoundedBodyReader.ReadAsync(new MemoryStream(bytes), OneMiB, declared ? OneMiB : null, pool, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(OneMiB, body!.Length);
        });

        output.WriteLine($"{pool.Rented} buffer(s) rented per read, at most {pool.MostHeld} held at once");
        Assert.True(pool.MostHeld <= 2, $"{pool.MostHeld} buffers held at once for one body");
        // 36 KiB doubled up to 1 MiB: the last buffer is the body's size, the ones before it add up to about as much again.
        Allocations.AssertLinear(allocated, OneMiB, 2.1, $"a 1 MiB body read {(declared ? "with" : "without")} its Content-Length", output: output);
    }

    /// <summary>
    /// The webhook token is public: a request declaring 1 MiB that sends 40 KiB (then stalls, or ends) must hold memory
    /// for what arrived, not for what it declared.
    /// </summary>
    [Fact]
    public void ReadAsync_DeclaresOneMiBSendsFortyKiB_AllocatesForWhatArrived()
    {
        var sent = new byte[40 * 1024];
        var pool = new AllocatingPool();

        var allocated = Allocations.Measure(() =>
        {
            using var body = BoundedBodyReader.ReadAsync(new MemoryStream(sent), OneMiB, OneMiB, pool, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(sent.Length, body!.Length);
        });

        // A 36 KiB first buffer and one of twice that: about 2.7 bytes per byte sent, against 26 for a 1 MiB buffer.
        Allocations.AssertLinear(allocated, sent.Length, 3.0, "40 KiB sent under a declared 1 MiB", output: output);
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
        private int _held;

        public int Rented { get; private set; }

        public int MostHeld { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            MostHeld = Math.Max(MostHeld, ++_held);
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => _held--;
    }
}
