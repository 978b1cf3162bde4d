using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>Where a job and its deliveries live in Table Storage.</summary>
internal static class JobKeys
{
    /// <summary>The longest PartitionKey or RowKey the Table service takes: 1 KiB of UTF-16, 512 characters (Azurite checks the same).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>
    /// The longest escaped job id every key made from it can hold: the due-date index's row key puts the most in front
    /// of it (19 digits of ticks and a separator, <see cref="DueIndex.RowKey"/>), the deliveries partition a provider
    /// name and a separator (12 at most).
    /// </summary>
    public const int MaxEscapedJobIdLength = MaxKeyLength - 20;

    /// <summary>How long <paramref name="jobId"/> is once escaped for a key (<see cref="TableKey.Encode"/>).</summary>
    public static int EscapedLength(string jobId) => TableKey.Encode(jobId).Length;

    /// <summary>Jobs table: partition per provider, row per job id (escaped for Table Storage).</summary>
    public static (string PartitionKey, string RowKey) Job(string provider, string jobId) => (provider, TableKey.Encode(jobId));

    /// <summary>Deliveries table: one partition per job, so its deliveries are counted by a single-partition query.</summary>
    public static string DeliveriesPartition(string provider, string jobId) => provider + "|" + TableKey.Encode(jobId);

    /// <summary>Deliveries table: payloads that could not be parsed, so no job is known.</summary>
    public static string UnparsedPartition(string provider) => TableKey.Encode(provider) + "|~unparsed";

    /// <summary>Deliveries table: queue messages that were not delivery envelopes at all.</summary>
    public const string UnreadablePartition = "~unreadable";
}
