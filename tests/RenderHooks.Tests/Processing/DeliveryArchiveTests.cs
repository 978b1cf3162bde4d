using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Processing;

/// <summary>The deliveries table on Azurite: one row per delivery, counted per job with a quoted filter.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryArchiveTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("plain")]
    [InlineData("it's 'quoted' / with ? # % ~ é 😀")]
    public async Task Count_JobIdNeedingQuotesAndEscapes_CountsItsDeliveriesOnceEach(string jobId)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var archive = pipeline.Services.GetRequiredService<DeliveryArchive>();
        var partition = JobKeys.DeliveriesPartition("phantomflow", jobId);

        foreach (var id in new[] { "d-1", "d-2", "d-1" })
        {
            var delivery = new DeliveryEnvelope { DeliveryId = id, Provider = "phantomflow", ReceivedAt = DateTimeOffset.UnixEpoch, ContentType = "application/json", Body = [1] };
            await archive.ArchiveAsync(delivery, partition, jobId, ProcessingOutcome.Duplicate, null, null, new QueueMessageInfo("m-" + id, 1), default);
        }

        Assert.Equal(2, await archive.CountAsync("phantomflow", jobId, default));
        Assert.Equal(0, await archive.CountAsync("phantomflow", jobId + "'", default));
    }
}
