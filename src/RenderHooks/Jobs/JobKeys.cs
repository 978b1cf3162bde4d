using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>Where a job and its deliveries live in Table Storage.</summary>
internal static class JobKeys
{
    /// <summary>Jobs table: partition per provider, row per job id (escaped for Table Storage).</summary>
    public static (string PartitionKey, string RowKey) Job(string provider, string jobId) => (provider, TableKey.Encode(jobId));

    /// <summary>Deliveries table: one partition per job, so its deliveries are counted by a single-partition query.</summary>
    public static string DeliveriesPartition(string provider, string jobId) => provider + "|" + TableKey.Encode(jobId);

    /// <summary>Deliveries table: payloads that could not be parsed, so no job is known.</summary>
    public static string UnparsedPartition(string provider) => TableKey.Encode(provider) + "|~unparsed";

    /// <summary>Deliveries table: queue messages that were not delivery envelopes at all.</summary>
    public const string UnreadablePartition = "~unreadable";
}
