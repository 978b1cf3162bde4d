using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Processing;

/// <summary>
/// Job ids whose keys outgrow the Table service's 512 characters once escaped (each <c>/ \ # ? % ~</c> takes three):
/// refused as unparseable and archived with the reason, as Azurite shows, instead of failing every write until the
/// poison queue takes the delivery unarchived. An id that just fits is recorded, every key made from it included.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EscapedJobIdTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/")]
    [InlineData("%")]
    [InlineData("~")]
    [InlineData("/%~#?")]
    public async Task IdOf256CharactersThatEscapeToThree_Processed_ArchivedAsUnparseableWithTheReason(string unit)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = string.Concat(Enumerable.Repeat(unit, 256 / unit.Length)) + new string('j', 256 % unit.Length);
        var accepted = await pipeline.PostAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));

        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Unparseable, result.Outcome);
        Assert.StartsWith("job_id is 76", result.Reason, StringComparison.Ordinal);
        Assert.Contains("as a table key, over 492", result.Reason, StringComparison.Ordinal);
        var found = await pipeline.Storage.DeliveriesTable.GetEntityIfExistsAsync<TableEntity>(JobKeys.UnparsedPartition("phantomflow"), accepted.DeliveryId!);
        Assert.True(found.HasValue);
        var archived = found.Value!;
        Assert.Equal("Unparseable", archived.GetString("Outcome"));
        Assert.Equal(result.Reason, archived.GetString("Reason"));
        Assert.Empty(await pipeline.PeekEventsAsync());
    }

    [Theory]
    [InlineData("phantomflow")]
    [InlineData("json2video")]
    public async Task IdThatJustFitsOnceEscaped_Processed_RecordedWithEveryKey(string provider)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = new string('/', JobKeys.MaxEscapedJobIdLength / 3); // 164 slashes, 492 characters escaped
        var body = provider == "phantomflow"
            ? TestPayloads.PhantomFlowCompleted(jobId)
            : $$"""{"project":"{{jobId}}","url":"https://a.example/m.mp4"}""";

        var result = await pipeline.DeliverAsync(provider, body);

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        var job = await pipeline.Jobs.GetAsync(provider, jobId);
        Assert.NotNull(job);
        Assert.Equal(1, job.DeliveryCount); // the deliveries partition, provider + "|" + 492 characters
        Assert.Single(await pipeline.PeekEventsAsync());
        Assert.NotNull(job.NextCheckAt); // the due-date index row, 20 + 492 characters
        var due = new List<DueEntry>();
        await foreach (var entry in pipeline.Services.GetRequiredService<DueIndex>().ReadDueAsync(provider, job.NextCheckAt!.Value, 10, CancellationToken.None))
        {
            due.Add(entry);
        }

        Assert.Contains(due, e => e.JobId == jobId);
    }
}
