using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Processing;

/// <summary>Settings of delivery processing (section <c>RenderHooks:Processing</c>).</summary>
public sealed class ProcessingOptions
{
    public const string SectionName = "RenderHooks:Processing";

    /// <summary>
    /// How long the delivery that recorded a state has to publish its event before any other delivery of the job
    /// may publish it instead. Longer than a publish takes; short enough that a crashed publisher is replaced soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PublishLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Conditional writes tried on one job before the delivery is failed and retried from the queue.</summary>
    [Range(1, 100)]
    public int MaxWriteAttempts { get; set; } = 20;
}
