using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure;
using Azure.Core.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// The SDK's own log (Azure.Core's event source, which Application Insights or <c>dotnet-trace</c> may collect at any
/// level) never shows a pop receipt, a query filter, a shared access signature, an account key or a message body.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SdkLog_EveryKindOfCall_ShowsNoReceiptFilterSignatureKeyOrBody()
    {
        const string body = "body-text-that-must-not-be-logged";
        const string filterValue = "filter-value-that-must-not-be-logged";
        var lines = new ConcurrentQueue<string>();
        var receipts = new List<string>();
        var storage = azurite.CreateStorage();
        var (sasConnectionString, signature) = new SharedAccessSignatureTests(azurite).SasConnectionString();
        var sasStorage = new RenderHooksStorage(
            StorageAccount.Parse(sasConnectionString), Options.Create(storage.Names), Options.Create(new IntakeOptions()), NullLoggerFactory.Instance);
        await storage.CreateIfNotExistsAsync();
        try
        {
            using (new AzureEventSourceListener((e, message) => lines.Enqueue(message), EventLevel.Verbose))
            {
                await storage.DeliveriesQueue.SendMessageAsync(BinaryData.FromString(body));
                QueueMessage received = Assert.Single((await storage.DeliveriesQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value);
                UpdateReceipt renewed = await storage.DeliveriesQueue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(1));
                await storage.DeliveriesQueue.DeleteMessageAsync(received.MessageId, renewed.PopReceipt);
                receipts.AddRange([received.PopReceipt, renewed.PopReceipt]);

                await storage.JobsTable.AddEntityAsync(new TableEntity("p", "r") { ["Text"] = body });
                await storage.JobsTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {filterValue}"));

                await sasStorage.EventsQueue.PeekMessagesAsync(1);
                await sasStorage.JobsTable.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {filterValue}"));

                var wrongKey = azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, "d3Jvbmcta2V5LWZvci10ZXN0aW5nLTAxMjM0NTY3ODlhYmNkZWY=", StringComparison.Ordinal);
                var refused = new RenderHooksStorage(StorageAccount.Parse(wrongKey), Options.Create(storage.Names), Options.Create(new IntakeOptions()), NullLoggerFactory.Instance);
                await Assert.ThrowsAsync<RequestFailedException>(() => refused.JobsTable.CreateIfNotExistsAsync());
            }
        }
        finally
        {
            await storage.DeleteAllAsync();
        }

        var log = string.Join('\n', lines);
        Assert.Contains("popreceipt=REDACTED", log, StringComparison.Ordinal);
        Assert.Contains("sig=REDACTED", log, StringComparison.Ordinal);
        Assert.Contains("$filter=REDACTED", log, StringComparison.Ordinal);
        Assert.Contains("x-ms-popreceipt:REDACTED", log, StringComparison.Ordinal);
        foreach (var secret in receipts.Concat([signature, Uri.EscapeDataString(signature), filterValue, body, AzuriteFixture.AccountKey]))
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
