using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Resilience;

/// <summary>One message of the events queue, as a consumer reads it.</summary>
internal sealed record PublishedEvent(string EventId, string Provider, string JobId, string Status, bool Verified);

/// <summary>What a pipeline left in storage: every event, every archived delivery, every job.</summary>
internal static class PipelineContents
{
    /// <summary>Receives every message of the events queue, each hidden for 10 minutes so none is read twice.</summary>
    public static async Task<IReadOnlyList<PublishedEvent>> ReceiveAllEventsAsync(RenderHooksStorage storage)
    {
        var all = new List<PublishedEvent>();
        while (true)
        {
            QueueMessage[] batch = await storage.EventsQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10));
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                var root = JsonDocument.Parse(message.Body.ToMemory()).RootElement;
                all.Add(new PublishedEvent(
                    root.GetProperty("eventId").GetString()!,
                    root.GetProperty("provider").GetString()!,
                    root.GetProperty("jobId").GetString()!,
                    root.GetProperty("status").GetString()!,
                    root.GetProperty("verified").GetBoolean()));
            }
        }
    }

    /// <summary>The deliveries table's rows (without their bodies; with the payload blob a row references), by row key: the delivery id.</summary>
    public static async Task<IReadOnlyDictionary<string, TableEntity>> ArchivedDeliveriesAsync(RenderHooksStorage storage)
    {
        var rows = new Dictionary<string, TableEntity>();
        await foreach (var row in storage.DeliveriesTable.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "JobId", "Outcome", "BodyBlob", "BodyBytes"]))
        {
            rows.Add(row.RowKey, row);
        }

        return rows;
    }

    /// <summary>
    /// What became of the accepted deliveries that went through a payload blob: each archived in its row (the blob
    /// deleted) when the body fits one, else referencing its blob, which holds the body's length and is tagged archived.
    /// </summary>
    public static async Task AssertPayloadsSettledAsync(RenderHooksStorage storage, IEnumerable<(string DeliveryId, int BodyBytes)> accepted, IReadOnlyDictionary<string, TableEntity> archived)
    {
        var blobs = (await storage.PayloadsContainer.BlobNamesAsync()).ToHashSet();
        foreach (var (deliveryId, bodyBytes) in accepted.Where(d => d.BodyBytes > IntakeOptions.QueueBodyLimit))
        {
            var row = archived[deliveryId];
            if (bodyBytes <= DeliveryArchive.MaxInlineBodyBytes)
            {
                Assert.Null(row.GetString("BodyBlob"));
                Assert.DoesNotContain(deliveryId, blobs);
            }
            else
            {
                Assert.Equal((deliveryId, bodyBytes), (row.GetString("BodyBlob"), row.GetInt32("BodyBytes")));
                Assert.Equal("archived", await storage.PayloadsContainer.StateTagAsync(deliveryId));
                Assert.Equal(bodyBytes, (await storage.PayloadsContainer.GetBlobClient(deliveryId).GetPropertiesAsync()).Value.ContentLength);
            }
        }
    }

    /// <summary>The job rows of <paramref name="providers"/> (the due index lives in partitions of its own).</summary>
    public static async Task<IReadOnlyList<JobRecord>> JobsAsync(RenderHooksStorage storage, IEnumerable<string> providers)
    {
        var jobs = new List<JobRecord>();
        foreach (var provider in providers)
        {
            await foreach (var row in storage.JobsTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {provider}")))
            {
                jobs.Add(JobEntityMapper.FromEntity(row));
            }
        }

        return jobs;
    }
}
