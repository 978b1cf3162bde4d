using Xunit.Abstractions;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// What a synchronous piece of work allocates on the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>),
/// so a test can hold a parser of untrusted input to memory linear in that input. Not a timing: allocations are
/// counted, the same under any load.
/// </summary>
public static class Allocations
{
    /// <summary>Room for what any call allocates whatever its input (a few small objects, a reason text).</summary>
    public const int FixedAllowance = 16 * 1024;

    /// <summary>Runs <paramref name="work"/> once to warm it up (type initializers, first-call caches), then measures a second run.</summary>
    public static long Measure(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// Asserts that <paramref name="allocated"/> is at most <paramref name="perInputByte"/> bytes per input byte, plus
    /// <see cref="FixedAllowance"/> and <paramref name="allowance"/> (what a parser spends on each of a bounded number of
    /// items, say).
    /// </summary>
    public static void AssertLinear(long allocated, long inputBytes, double perInputByte, string what, long allowance = 0, ITestOutputHelper? output = null)
    {
        output?.WriteLine($"{what}: {allocated:N0} bytes allocated for {inputBytes:N0} input bytes ({(double)allocated / Math.Max(1, inputBytes):0.00} per byte)");
        var limit = (long)(perInputByte * inputBytes) + FixedAllowance + allowance;
        Assert.True(
            allocated <= limit,
            $"{what}: {allocated:N0} bytes allocated for {inputBytes:N0} input bytes ({(double)allocated / Math.Max(1, inputBytes):0.0} per byte), over the limit of {perInputByte} per byte + {FixedAllowance + allowance:N0} ({limit:N0}).");
    }
}
