using System.Net;
using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageProvisionerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Start_FreshStorage_CreatesEveryQueueAndTable()
    {
        var logs = new CapturedLogs();
        using var host = BuildHost(azurite.ConnectionString, PipelineNames.Unique(azurite), logs, TimeProvider.System);
        var storage = host.Services.GetRequiredService<RenderHooksStorage>();
        Assert.False(await AllExistAsync(storage));

        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<StorageProvisioner>().WaitUntilReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            Assert.True(await AllExistAsync(storage));
            Assert.Contains(logs.Lines, l => l.Contains("Storage ready", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            await storage.DeleteAllAsync();
        }
    }

    [Fact]
    public async Task Start_StorageUnreachable_WarnsAndWaitsToRetryWithoutStoppingTheHost()
    {
        var logs = new CapturedLogs();
        var time = new FakeTimeProvider();
        using var host = BuildHost(UnreachableConnectionString(), PipelineNames.Unique(azurite), logs, time);
        var provisioner = host.Services.GetServices<IHostedService>().OfType<StorageProvisioner>().Single();

        await host.StartAsync();
        await WarningsAsync(logs, 1);

        // Waiting on the injected clock for the next attempt: neither finished nor failed, so the host keeps running.
        Assert.False(provisioner.ExecuteTask!.IsCompleted);
        Assert.False(provisioner.WaitUntilReadyAsync(CancellationToken.None).IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var warnings = await WarningsAsync(logs, 2);
        Assert.Contains("in 00:00:01", warnings[0], StringComparison.Ordinal);
        Assert.Contains("in 00:00:02", warnings[1], StringComparison.Ordinal);
        Assert.False(provisioner.ExecuteTask.IsCompleted);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, logs.AllText, StringComparison.Ordinal);

        using var stopWithin = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(stopWithin.Token);
        Assert.True(provisioner.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Start_CreationOff_FreshStorage_CreatesNothing_AndNamesEveryMissingQueueAndTable()
    {
        var logs = new CapturedLogs();
        var time = new FakeTimeProvider();
        using var host = BuildHost(azurite.ConnectionString, PipelineNames.Unique(azurite), logs, time, createIfNotExists: false);
        var storage = host.Services.GetRequiredService<RenderHooksStorage>();
        var provisioner = host.Services.GetRequiredService<StorageProvisioner>();

        await host.StartAsync();
        try
        {
            var error = (await ErrorsAsync(logs, 1))[0];
            time.Advance(TimeSpan.FromSeconds(1));
            await ErrorsAsync(logs, 2);

            Assert.Empty(await ExistingAsync(storage));
            var names = storage.Names;
            foreach (var missing in new[] { $"queue '{names.DeliveriesQueue}'", $"queue '{names.PoisonQueue}'", $"queue '{names.EventsQueue}'", $"table '{names.JobsTable}'", $"table '{names.DeliveriesTable}'", $"container '{names.PayloadsContainer}'" })
            {
                Assert.Contains(missing, error, StringComparison.Ordinal);
            }

            Assert.Contains("RenderHooks:Storage:CreateIfNotExists", error, StringComparison.Ordinal);
            Assert.False(provisioner.WaitUntilReadyAsync(CancellationToken.None).IsCompleted);
            Assert.False(provisioner.ExecuteTask!.IsCompleted);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Start_CreationOff_OneTableMissing_NamesOnlyIt_AndIsReadyOnceItExists()
    {
        var logs = new CapturedLogs();
        var time = new FakeTimeProvider();
        using var host = BuildHost(azurite.ConnectionString, PipelineNames.Unique(azurite), logs, time, createIfNotExists: false);
        var storage = host.Services.GetRequiredService<RenderHooksStorage>();
        var provisioner = host.Services.GetRequiredService<StorageProvisioner>();
        await storage.CreateIfNotExistsAsync();
        await storage.JobsTable.DeleteAsync();

        await host.StartAsync();
        try
        {
            var error = (await ErrorsAsync(logs, 1))[0];
            Assert.Contains($"these do not exist: table '{storage.Names.JobsTable}'. Create them", error, StringComparison.Ordinal);
            Assert.False(provisioner.WaitUntilReadyAsync(CancellationToken.None).IsCompleted);

            // Created by someone else (the deployment): the next check, on the injected clock, finds everything.
            await storage.JobsTable.CreateIfNotExistsAsync();
            time.Advance(TimeSpan.FromSeconds(1));
            await provisioner.WaitUntilReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            Assert.Contains(logs.Lines, l => l.Contains("creation off", StringComparison.Ordinal) && l.Contains("is missing", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains("Storage ready: queues", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            await storage.DeleteAllAsync();
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void CreateIfNotExists_IsBoundFromConfiguration_TrueByDefault(string? value, bool expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("RenderHooks:WebhookTokens:0", PipelineHarness.Token)]);
        if (value is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("RenderHooks:Storage:CreateIfNotExists", value)]);
        }

        builder.AddRenderHooks();
        using var host = builder.Build();

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<StorageProvisioningOptions>>().Value.CreateIfNotExists);
    }

    private static IHost BuildHost(string connectionString, PipelineNames names, CapturedLogs logs, TimeProvider time, bool? createIfNotExists = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
        [
            new("AzureWebJobsStorage", connectionString),
            new("RenderHooks:WebhookTokens:0", PipelineHarness.Token),
            .. names.AsSettings(),
        ]);
        if (createIfNotExists is { } create)
        {
            builder.Configuration.AddInMemoryCollection([new("RenderHooks:Storage:CreateIfNotExists", create ? "true" : "false")]);
        }

        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton(time);
        builder.AddRenderHooks();
        builder.Services.AddStorageProvisioning();
        return builder.Build();
    }

    private static Task<string[]> WarningsAsync(CapturedLogs logs, int count) =>
        Eventually.GetAsync(
            () => Task.FromResult(logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("not reachable", StringComparison.Ordinal)).ToArray()),
            lines => lines.Length >= count,
            $"{count} warning(s) that storage is not reachable",
            TimeSpan.FromSeconds(60));

    private static Task<string[]> ErrorsAsync(CapturedLogs logs, int count) =>
        Eventually.GetAsync(
            () => Task.FromResult(logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Storage creation is off", StringComparison.Ordinal)).ToArray()),
            lines => lines.Length >= count,
            $"{count} error(s) naming what is missing",
            TimeSpan.FromSeconds(60));

    /// <summary>The queues, tables and container that exist, each asked on its own.</summary>
    private static async Task<List<string>> ExistingAsync(RenderHooksStorage storage)
    {
        var existing = new List<string>();
        foreach (var queue in new[] { storage.DeliveriesQueue, storage.PoisonQueue, storage.EventsQueue })
        {
            if (await queue.ExistsAsync())
            {
                existing.Add(queue.Name);
            }
        }

        foreach (var table in new[] { storage.JobsTable, storage.DeliveriesTable })
        {
            try
            {
                await table.RowsAsync();
                existing.Add(table.Name);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Missing.
            }
        }

        if ((await storage.PayloadsContainer.ExistsAsync()).Value)
        {
            existing.Add(storage.PayloadsContainer.Name);
        }

        return existing;
    }

    private static async Task<bool> AllExistAsync(RenderHooksStorage storage)
    {
        try
        {
            await storage.DeliveriesQueue.PeekMessagesAsync(1);
            await storage.PoisonQueue.PeekMessagesAsync(1);
            await storage.EventsQueue.PeekMessagesAsync(1);
            await storage.JobsTable.RowsAsync();
            await storage.DeliveriesTable.RowsAsync();
            return (await storage.PayloadsContainer.ExistsAsync()).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string UnreachableConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName}";
    }
}
