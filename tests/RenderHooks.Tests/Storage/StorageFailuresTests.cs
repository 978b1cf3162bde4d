using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using RenderHooks.Health;
using RenderHooks.Intake;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// A failed storage call, awaited through <see cref="StorageFailures"/>, says which queue or table failed and how:
/// status, error code (also where the table SDK finds none, as in Azurite's XML 403) and the service's message, never the key.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageFailuresTests(AzuriteFixture azurite)
{
    private const string WrongKey = "d3JvbmctYWNjb3VudC1rZXktZm9yLXRlc3RpbmctMDEyMzQ1Njc4OWFiY2RlZg==";

    [Fact]
    public async Task Send_MissingQueue_Throws404QueueNotFoundNamingTheQueue()
    {
        var storage = azurite.CreateStorage();

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => storage.EventsQueue.SendMessageAsync(BinaryData.FromString("x")).NameFailures(storage.EventsQueue));

        Assert.Equal(404, e.Status);
        Assert.Equal("QueueNotFound", e.ErrorCode);
        Assert.Contains($"Queue '{storage.EventsQueue.Name}' answered 404 QueueNotFound", e.Message, StringComparison.Ordinal);
        Assert.IsType<RequestFailedException>(e.InnerException);
    }

    [Fact]
    public async Task AddEntity_MissingTable_Throws404TableNotFoundNamingTheTable()
    {
        var storage = azurite.CreateStorage();

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => storage.JobsTable.AddEntityAsync(new TableEntity("p", "r")).NameFailures(storage.JobsTable));

        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
        Assert.Contains($"Table '{storage.JobsTable.Name}' answered 404 TableNotFound", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_Twice_Throws409EntityAlreadyExistsNamingTheTable()
    {
        var storage = azurite.CreateStorage();
        await storage.CreateIfNotExistsAsync();
        try
        {
            await storage.JobsTable.AddEntityAsync(new TableEntity("p", "r")).NameFailures(storage.JobsTable);

            var e = await Assert.ThrowsAsync<RequestFailedException>(
                () => storage.JobsTable.AddEntityAsync(new TableEntity("p", "r")).NameFailures(storage.JobsTable));

            Assert.Equal(409, e.Status);
            Assert.Equal("EntityAlreadyExists", e.ErrorCode);
            Assert.Contains(storage.JobsTable.Name, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await storage.DeleteAllAsync();
        }
    }

    [Fact]
    public async Task DeleteMessage_PopReceiptReplacedByAnUpdate_Throws400PopReceiptMismatch()
    {
        var storage = azurite.CreateStorage();
        await storage.CreateIfNotExistsAsync();
        try
        {
            await storage.DeliveriesQueue.SendMessageAsync(BinaryData.FromString("x"));
            QueueMessage received = Assert.Single((await storage.DeliveriesQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value);
            UpdateReceipt renewed = await storage.DeliveriesQueue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5));

            var stale = await Assert.ThrowsAsync<RequestFailedException>(
                () => storage.DeliveriesQueue.DeleteMessageAsync(received.MessageId, received.PopReceipt).NameFailures(storage.DeliveriesQueue));
            await storage.DeliveriesQueue.DeleteMessageAsync(received.MessageId, renewed.PopReceipt);

            Assert.Equal(400, stale.Status);
            Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
            Assert.DoesNotContain(received.PopReceipt, stale.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await storage.DeliveriesQueue.CountAsync());
        }
        finally
        {
            await storage.DeleteAllAsync();
        }
    }

    [Fact]
    public async Task AnyCall_WrongAccountKey_Throws403WithTheCodeAndTheNameButNotTheKey()
    {
        var storage = StorageWithKey(WrongKey);

        var queue = await Assert.ThrowsAsync<RequestFailedException>(
            () => storage.DeliveriesQueue.CreateIfNotExistsAsync().NameFailures(storage.DeliveriesQueue));
        var table = await Assert.ThrowsAsync<RequestFailedException>(
            () => storage.JobsTable.CreateIfNotExistsAsync().NameFailures(storage.JobsTable));

        Assert.Equal((403, "AuthenticationFailed"), (queue.Status, queue.ErrorCode));
        Assert.Equal(403, table.Status);

        // Azure says AuthenticationFailed; Azurite's table service says AuthorizationFailure in an XML body, where the
        // table SDK does not look: the code comes from the x-ms-error-code header.
        Assert.Null(((RequestFailedException)table.InnerException!).ErrorCode);
        Assert.Contains(table.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" });
        Assert.Contains($"Table '{storage.JobsTable.Name}' answered 403 {table.ErrorCode}", table.Message, StringComparison.Ordinal);
        foreach (var text in new[] { queue.ToString(), table.ToString() })
        {
            Assert.DoesNotContain(WrongKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(AzuriteFixture.AccountKey, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_WrongAccountKey_NamesEachServicesStatusAndCode()
    {
        var probe = new HealthProbe(StorageWithKey(WrongKey), TimeProvider.System, new ReconciliationSettings([]));

        var report = await probe.CheckAsync();

        Assert.Equal("unhealthy", report.Status);
        Assert.Equal("storage answered 403 AuthenticationFailed", report.Queues);
        Assert.Matches("^storage answered 403 (AuthenticationFailed|AuthorizationFailure)$", report.Tables);
    }

    [Fact]
    public async Task Send_StorageNotListening_RetriesThenThrowsNamingTheQueue()
    {
        var port = AzuriteFixture.FreePorts(1)[0];
        var connectionString = azurite.ConnectionString.Replace($":{azurite.QueuePort}/", $":{port}/", StringComparison.Ordinal);
        var intake = new IntakeOptions { EnqueueRetries = 1, EnqueueTimeout = TimeSpan.FromSeconds(1) };
        var storage = new RenderHooksStorage(
            StorageAccount.Parse(connectionString),
            Options.Create(new StorageNamesOptions()),
            Options.Create(intake),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var e = await Assert.ThrowsAsync<AggregateException>(
            () => storage.IntakeQueue.SendMessageAsync(BinaryData.FromString("x")).NameFailures(storage.IntakeQueue));

        Assert.Equal(2, e.InnerExceptions.Count);
        Assert.StartsWith($"Queue '{storage.IntakeQueue.Name}' did not answer in 2 attempts", e.Message, StringComparison.Ordinal);
        Assert.True(StorageErrors.IsStorageFailure(e));
    }

    private RenderHooksStorage StorageWithKey(string key)
    {
        var connectionString = azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, key, StringComparison.Ordinal);
        var storage = new RenderHooksStorage(
            StorageAccount.Parse(connectionString),
            Options.Create(new StorageNamesOptions()),
            Options.Create(new IntakeOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return storage;
    }
}
