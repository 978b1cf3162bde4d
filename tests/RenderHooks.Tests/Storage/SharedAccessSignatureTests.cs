using Azure.Storage;
using Azure.Storage.Sas;
using RenderHooks.Processing;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// <c>AzureWebJobsStorage</c> as a SAS connection string (endpoints and a shared access signature, no key): the
/// whole pipeline runs on it, and no exception or description repeats the signature.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedAccessSignatureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Pipeline_SasConnectionString_AcceptsProcessesAndPublishes()
    {
        var (connectionString, signature) = SasConnectionString();
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", connectionString)]);
        var jobId = TestPayloads.NewPhantomFlowJobId();

        var result = await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var project = TestPayloads.NewJson2VideoProject();
        var large = await pipeline.DeliverAsync("json2video", System.Text.Encoding.UTF8.GetString(LargePayloads.Json2VideoCompleted(project, 200_000, form: false)));
        var job = await pipeline.Jobs.GetAsync("phantomflow", jobId);
        var events = await pipeline.TakeEventsAsync();

        Assert.True(pipeline.Storage.Account.UsesSas);
        Assert.Equal((ProcessingOutcome.Recorded, ProcessingOutcome.Recorded), (result.Outcome, large.Outcome));
        Assert.Equal("archived", await pipeline.Storage.PayloadsContainer.StateTagAsync(large.DeliveryId!));
        Assert.Equal((1, "completed"), (job!.DeliveryCount, job.Status));
        Assert.Equal([jobId, project], events.Select(e => e.GetProperty("jobId").GetString()));
        Assert.DoesNotContain(signature, pipeline.Storage.Account.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An account SAS for queues, tables and blobs, signed with the Azurite account's key, and its <c>sig</c> value.</summary>
    internal (string ConnectionString, string Signature) SasConnectionString()
    {
        var sas = new AccountSasBuilder(
                AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Queues | AccountSasServices.Tables | AccountSasServices.Blobs, AccountSasResourceTypes.All)
            .ToSasQueryParameters(new StorageSharedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey));
        var connectionString =
            $"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/{AzuriteFixture.AccountName};" +
            $"SharedAccessSignature={sas}";
        return (connectionString, sas.Signature);
    }
}
