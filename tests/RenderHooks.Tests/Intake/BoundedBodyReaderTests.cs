using RenderHooks.Intake;

namespace RenderHooks.Tests.Intake;

public sealed class BoundedBodyReaderTests
{
    [Theory]
    [InlineData(0, 100, null)]
    [InlineData(1, 100, null)]
    [InlineData(100, 100, null)]
    [InlineData(100, 100, 100L)]
    [InlineData(5000, 35840, 10L)]
    [InlineData(35840, 35840, null)]
    public async Task ReadAsync_AtOrUnderLimit_ReturnsEveryByte(int size, int max, long? declared)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();

        var body = await BoundedBodyReader.ReadAsync(new TrickleStream(bytes), max, declared, CancellationToken.None);

        Assert.Equal(bytes, body);
    }

    [Theory]
    [InlineData(101, 100, null)]
    [InlineData(35841, 35840, 1L)]
    [InlineData(1_000_000, 35840, null)]
    public async Task ReadAsync_OverLimit_ReturnsNull(int size, int max, long? declared)
    {
        var body = await BoundedBodyReader.ReadAsync(new TrickleStream(new byte[size]), max, declared, CancellationToken.None);

        Assert.Null(body);
    }

    /// <summary>Returns at most 1,000 bytes a read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
