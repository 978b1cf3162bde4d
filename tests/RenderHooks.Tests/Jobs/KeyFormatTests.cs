using System.Globalization;
using RenderHooks.Jobs;

namespace RenderHooks.Tests.Jobs;

/// <summary>
/// The keys rows are stored under, pinned as literals computed once from the code as it was in December 2026. Rows
/// written by earlier versions are found by these keys: if a test here fails, the change orphans every existing row
/// (jobs no longer found, so a redelivery records a second time; due-date rows never read, so jobs are never checked;
/// deliveries no longer counted). Restore the format; a new one needs a migration of the stored rows.
/// </summary>
public sealed class KeyFormatTests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "0639310248000000000|a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("2026-11-23T12:00:01+02:00", "JkGxEoPRF9EgRb32", "0639310248010000000|JkGxEoPRF9EgRb32")]
    [InlineData("0001-01-01T00:00:00Z", "a/b?c#d%~|é", "0000000000000000000|a~2Fb~3Fc~23d~25~7E|é")]
    public void DueIndexRowKey_KnownInputs_KnownKeys(string dueAt, string jobId, string expected) =>
        Assert.Equal(expected, DueIndex.RowKey(DateTimeOffset.Parse(dueAt, CultureInfo.InvariantCulture), jobId));

    [Fact]
    public void DueIndexPartition_PerProvider_KnownKeys()
    {
        Assert.Equal("~due|phantomflow", DueIndex.Partition("phantomflow"));
        Assert.Equal("~due|json2video", DueIndex.Partition("json2video"));
    }

    [Theory]
    [InlineData("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("json2video", "Jk/Gx?Eo#PR%F9~E", "json2video", "Jk~2FGx~3FEo~23PR~25F9~7EE")]
    public void JobRow_KnownInputs_KnownKeys(string provider, string jobId, string partitionKey, string rowKey) =>
        Assert.Equal((partitionKey, rowKey), JobKeys.Job(provider, jobId));

    [Theory]
    [InlineData("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "phantomflow|a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("json2video", "Jk/Gx\tEo", "json2video|Jk~2FGx~09Eo")]
    public void DeliveriesPartition_KnownInputs_KnownKeys(string provider, string jobId, string expected) =>
        Assert.Equal(expected, JobKeys.DeliveriesPartition(provider, jobId));

    [Fact]
    public void UnparsedAndUnreadablePartitions_KnownKeys()
    {
        Assert.Equal("phantomflow|~unparsed", JobKeys.UnparsedPartition("phantomflow"));
        Assert.Equal("json2video|~unparsed", JobKeys.UnparsedPartition("json2video"));
        Assert.Equal("~unreadable", JobKeys.UnreadablePartition);
    }
}
