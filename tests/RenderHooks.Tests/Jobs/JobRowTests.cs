using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Jobs;

/// <summary>
/// Job rows on Azurite through the SDK: rows the REST clients wrote read back unchanged, numbers stored with another
/// type than today's still read, and today's rows keep the storage schema's types (so an older version reads them too).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobRowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset When = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    [Fact]
    public async Task Read_RowWrittenByTheRestClients_EveryFieldReadsBackUnchanged()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var job = FullJob("legacy/job?#%~'é");
        await pipeline.Storage.JobsTable.AddEntityAsync(LegacyJobRow.From(job));

        var read = await pipeline.Services.GetRequiredService<JobStore>().ReadAsync(job.Provider, job.JobId, default);

        AssertSameFields(job, read!);
        Assert.NotEqual(default, read!.ETag);
        Assert.Equal(job.NextCheckAt, read.StoredNextCheckAt);
    }

    [Fact]
    public async Task Read_NumbersStoredWithOtherTypes_ReadAsTheirValues()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var (partitionKey, rowKey) = JobKeys.Job(ProviderNames.Json2Video, "typed");
        await pipeline.Storage.JobsTable.AddEntityAsync(new TableEntity(partitionKey, rowKey)
        {
            ["SizeBytes"] = 4567890, // Int32 where Int64 is written today
            ["CreditsUsed"] = 16,
            ["DurationSeconds"] = 15, // Int32: a whole number without its Edm.Double type
            ["Width"] = 1920L, // Int64 where Int32 is written today
            ["Height"] = 1080.0, // Double
            ["CheckCount"] = 3L,
            ["CreatedAt"] = When.UtcDateTime, // DateTime
        });

        var job = await pipeline.Services.GetRequiredService<JobStore>().ReadAsync(ProviderNames.Json2Video, "typed", default);

        Assert.Equal(4567890L, job!.SizeBytes);
        Assert.Equal(16L, job.CreditsUsed);
        Assert.Equal(15.0, job.DurationSeconds);
        Assert.Equal(1920, job.Width);
        Assert.Equal(1080, job.Height);
        Assert.Equal(3, job.CheckCount);
        Assert.Equal(When, job.CreatedAt);
        Assert.Equal("typed", job.JobId);
    }

    [Fact]
    public async Task InsertThenReplace_EveryField_RoundTripsAndAClearedFieldIsRemoved()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var store = pipeline.Services.GetRequiredService<JobStore>();
        var job = FullJob("round/trip?#%~'é😀\t\u0001");

        Assert.True(await store.TryInsertAsync(job, default));
        var read = (await store.ReadAsync(job.Provider, job.JobId, default))!;
        AssertSameFields(job, read);
        Assert.Equal(job.ETag, read.ETag);

        read.PendingEventId = null;
        read.PendingEvent = null;
        read.ClientData = null;
        read.Width = null;
        Assert.True(await store.TryReplaceAsync(read, default));
        var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);
        var row = await pipeline.Storage.JobsTable.RowAsync(partitionKey, rowKey);

        Assert.DoesNotContain("PendingEventId", row!.Keys);
        Assert.DoesNotContain("PendingEvent", row.Keys);
        Assert.DoesNotContain("ClientData", row.Keys);
        Assert.DoesNotContain("Width", row.Keys);
        Assert.Equal(job.Height, row["Height"]);
    }

    [Fact]
    public async Task Insert_Today_WritesTheStorageSchemasTypes()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var job = FullJob("schema");
        job.DurationSeconds = 15.0;
        Assert.True(await pipeline.Services.GetRequiredService<JobStore>().TryInsertAsync(job, default));
        var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);

        var row = (await pipeline.Storage.JobsTable.RowAsync(partitionKey, rowKey))!;

        Assert.IsType<int>(row["Width"]);
        Assert.IsType<int>(row["Height"]);
        Assert.IsType<int>(row["CheckCount"]);
        Assert.IsType<long>(row["SizeBytes"]);
        Assert.IsType<long>(row["CreditsUsed"]);
        Assert.IsType<double>(row["DurationSeconds"]);
        Assert.IsType<bool>(row["Verified"]);
        Assert.IsType<byte[]>(row["ClientData"]);
        Assert.IsType<DateTimeOffset>(row["CreatedAt"]);
        Assert.Equal(When.UtcTicks, ((DateTimeOffset)row["UpdatedAt"]).UtcTicks);
    }

    private static JobRecord FullJob(string jobId) => new()
    {
        Provider = ProviderNames.PhantomFlow,
        JobId = jobId,
        Status = RenderStatus.Completed,
        Source = JobSources.Webhook,
        Verification = JobVerification.Verified,
        Verified = true,
        OutputUrl = "https://cdn.example.test/out.mp4",
        DurationSeconds = 15.2,
        Width = 1920,
        Height = 1080,
        SizeBytes = 5_000_000_000L,
        CreditsUsed = 16,
        ErrorCode = "E",
        ErrorMessage = "message é",
        MovieId = "movie",
        ClientData = "{\"order_id\":\"ord_42\"}"u8.ToArray(),
        Reference = "ref",
        RecordedByDeliveryId = "d-1",
        ReceivedAt = When.AddSeconds(-3),
        CreatedAt = When.AddMinutes(-1),
        UpdatedAt = When,
        PendingEventId = "e-1",
        PendingEvent = [0, 1, 2, 255],
        PublishLeaseOwner = "owner",
        PublishLeaseUntil = When.AddSeconds(30),
        LastPublishedEventId = "e-0",
        LastPublishedAt = When.AddSeconds(-1),
        RegisteredAt = When.AddHours(-1),
        NextCheckAt = new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero),
        LastCheckedAt = When.AddSeconds(-2),
        ProviderState = "done",
        CheckCount = 3,
        CheckClaimOwner = "run-1",
        CheckClaimUntil = When.AddMinutes(2),
    };

    private static void AssertSameFields(JobRecord expected, JobRecord actual)
    {
        foreach (var property in typeof(JobRecord).GetProperties().Where(p => p.Name is not (nameof(JobRecord.ETag) or nameof(JobRecord.StoredNextCheckAt) or nameof(JobRecord.Error))))
        {
            var (want, got) = (property.GetValue(expected), property.GetValue(actual));
            if (want is byte[] bytes)
            {
                Assert.Equal(bytes, (byte[]?)got);
            }
            else
            {
                Assert.True(Equals(want, got), $"{property.Name}: expected {want}, read {got}");
            }
        }
    }
}
