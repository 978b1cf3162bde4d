using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Health;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Health;

/// <summary>The health probe asks blob storage too: the payloads container missing, or blob storage refusing, is unhealthy.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobHealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Probe_EverythingThere_HealthyWithBlobsOk()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);

        var report = await pipeline.Services.GetRequiredService<HealthProbe>().CheckAsync();

        Assert.Equal(("healthy", "ok", "ok", "ok"), (report.Status, report.Queues, report.Tables, report.Blobs));
    }

    [Fact]
    public async Task Probe_PayloadsContainerMissing_UnhealthySayingWhy()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        await pipeline.Storage.PayloadsContainer.DeleteAsync();

        var report = await pipeline.Services.GetRequiredService<HealthProbe>().CheckAsync();

        Assert.Equal(("unhealthy", "ok", "ok"), (report.Status, report.Queues, report.Tables));
        Assert.Equal("storage answered 404 ContainerNotFound", report.Blobs);
    }

    [Fact]
    public async Task Probe_BlobStorageRefuses_Unhealthy()
    {
        await using var proxy = await StorageFaultProxy.StartAsync(azurite.BlobPort);
        await using var pipeline = await PipelineHarness.CreateAsync(azurite, settings: [new("AzureWebJobsStorage", proxy.Redirect(azurite.ConnectionString, azurite.BlobPort))]);
        var refused = proxy.Fail(_ => true, 403, "AuthorizationPermissionMismatch");

        var report = await pipeline.Services.GetRequiredService<HealthProbe>().CheckAsync();
        refused.Lift();

        Assert.Equal(("unhealthy", "storage answered 403 AuthorizationPermissionMismatch"), (report.Status, report.Blobs));
    }
}
