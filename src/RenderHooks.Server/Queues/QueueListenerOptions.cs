using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Server.Queues;

/// <summary>
/// The server's deliveries-queue consumer (section <c>RenderHooks:QueueListener</c>), with the Functions host's
/// queue semantics and the values the Functions app's host.json uses.
/// </summary>
internal sealed class QueueListenerOptions
{
    public const string SectionName = "RenderHooks:QueueListener";

    /// <summary>
    /// False stops this server from processing deliveries: webhooks are still accepted and wait in the queue for a
    /// server (or the Functions app) that processes them (Functions: <c>AzureWebJobs.ProcessDelivery.Disabled</c>).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages processed at once: the Functions host's batchSize + newBatchThreshold (16 + 8 in host.json).</summary>
    [Range(1, 64)]
    public int MaxConcurrentMessages { get; set; } = 24;

    /// <summary>Attempts before a message moves to the poison queue (Functions: maxDequeueCount).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest wait between polls of an empty queue (Functions: maxPollingInterval).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed message stays invisible before its next attempt (Functions: visibilityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a message is hidden while processed; renewed at half-time, so a crashed server's messages reappear within it.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromSeconds(30);
}
