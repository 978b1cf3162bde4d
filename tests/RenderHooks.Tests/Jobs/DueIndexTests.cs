using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Jobs;

[Collection(AzuriteCollection.Name)]
public sealed class DueIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadDue_ReturnsOnlyRowsDueByNow_EarliestFirst_OfThatProvider()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var index = pipeline.Services.GetRequiredService<DueIndex>();
        await index.AddAsync(ProviderNames.Json2Video, "late", Now.AddSeconds(1), default);
        await index.AddAsync(ProviderNames.Json2Video, "second", Now.AddMinutes(-1), default);
        await index.AddAsync(ProviderNames.Json2Video, "first", Now.AddHours(-3), default);
        await index.AddAsync(ProviderNames.Json2Video, "exactly-now", Now, default);
        await index.AddAsync(ProviderNames.PhantomFlow, "other-provider", Now.AddHours(-1), default);

        var due = await Read(index, ProviderNames.Json2Video, Now);

        Assert.Equal(["first", "second", "exactly-now"], due.Select(e => e.JobId));
        Assert.Equal(Now.AddHours(-3), due[0].DueAt);
        Assert.All(due, e => Assert.Equal(ProviderNames.Json2Video, e.Provider));
    }

    [Fact]
    public async Task ReadDue_JobIdsNeedingEscapes_RoundTrip()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var index = pipeline.Services.GetRequiredService<DueIndex>();
        const string jobId = "a/b?c#d\\e%f~g|h 'quoted'";
        await index.AddAsync(ProviderNames.PhantomFlow, jobId, Now.AddMinutes(-5), default);

        var entry = Assert.Single(await Read(index, ProviderNames.PhantomFlow, Now));
        Assert.Equal(jobId, entry.JobId);

        await index.RemoveAsync(entry, default);
        Assert.Empty(await Read(index, ProviderNames.PhantomFlow, Now));
    }

    [Fact]
    public async Task Remove_MissingRow_Succeeds()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var index = pipeline.Services.GetRequiredService<DueIndex>();

        await index.RemoveAsync(new DueEntry(ProviderNames.PhantomFlow, "never-added", Now), default);

        Assert.Empty(await Read(index, ProviderNames.PhantomFlow, Now));
    }

    [Fact]
    public async Task JobStore_MovingNextCheck_LeavesExactlyOneIndexRow()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var store = pipeline.Services.GetRequiredService<JobStore>();
        var index = pipeline.Services.GetRequiredService<DueIndex>();
        var job = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "moving", CreatedAt = Now, NextCheckAt = Now.AddMinutes(-10).AddMilliseconds(700) };

        Assert.True(await store.TryInsertAsync(job, default));
        Assert.Equal(Now.AddMinutes(-10), job.NextCheckAt); // kept in whole seconds
        Assert.Equal([Now.AddMinutes(-10)], (await Read(index, ProviderNames.Json2Video, Now)).Select(e => e.DueAt));

        job.NextCheckAt = Now.AddMinutes(-2);
        Assert.True(await store.TryReplaceAsync(job, default));
        Assert.Equal([Now.AddMinutes(-2)], (await Read(index, ProviderNames.Json2Video, Now)).Select(e => e.DueAt));

        job.NextCheckAt = null;
        Assert.True(await store.TryReplaceAsync(job, default));
        Assert.Empty(await Read(index, ProviderNames.Json2Video, Now));

        var stored = await store.ReadAsync(ProviderNames.Json2Video, "moving", default);
        Assert.Null(stored!.NextCheckAt);
    }

    [Fact]
    public async Task JobStore_StaleETag_LosesTheWrite()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var store = pipeline.Services.GetRequiredService<JobStore>();
        Assert.True(await store.TryInsertAsync(new JobRecord { Provider = ProviderNames.PhantomFlow, JobId = "raced", CreatedAt = Now }, default));
        var first = (await store.ReadAsync(ProviderNames.PhantomFlow, "raced", default))!;
        var second = (await store.ReadAsync(ProviderNames.PhantomFlow, "raced", default))!;

        first.Reference = "winner";
        second.Reference = "loser";

        Assert.True(await store.TryReplaceAsync(first, default));
        Assert.False(await store.TryReplaceAsync(second, default));
        Assert.False(await store.TryInsertAsync(new JobRecord { Provider = ProviderNames.PhantomFlow, JobId = "raced", CreatedAt = Now }, default));
        Assert.Equal("winner", (await store.ReadAsync(ProviderNames.PhantomFlow, "raced", default))!.Reference);
    }

    private static async Task<List<DueEntry>> Read(DueIndex index, string provider, DateTimeOffset now)
    {
        var entries = new List<DueEntry>();
        await foreach (var entry in index.ReadDueAsync(provider, now, 100, default))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
