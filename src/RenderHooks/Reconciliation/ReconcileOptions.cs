using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Reconciliation;

/// <summary>Settings of reconciliation (section <c>RenderHooks:Reconcile</c>).</summary>
public sealed class ReconcileOptions : IValidatableObject
{
    public const string SectionName = "RenderHooks:Reconcile";

    /// <summary>When runs start: NCRONTAB with seconds, in UTC. The Functions app's timer reads the same setting.</summary>
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>How long after a job's registration or webhook the provider is first asked about it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstCheckDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after a job is first known reconciliation keeps asking; then the job is marked abandoned.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest wait between two checks of a job still rendering (the wait doubles from <see cref="FirstCheckDelay"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most status calls one run makes to each provider; jobs beyond it stay due for the next run.</summary>
    [Range(1, 100_000)]
    public int MaxStatusCallsPerRun { get; set; } = 500;

    /// <summary>Jobs of one provider checked at once within a run.</summary>
    [Range(1, 64)]
    public int MaxConcurrentChecks { get; set; } = 4;

    /// <summary>
    /// How long a run keeps starting checks; the jobs not reached stay due. Below the Functions host's
    /// <c>functionTimeout</c> (5 minutes in host.json), so a run ends on its own rather than being cut off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRunDuration { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Consecutive checks a provider may leave unanswered (after the client's retries) before the run stops calling it.</summary>
    [Range(1, 1000)]
    public int MaxConsecutiveUnavailable { get; set; } = 3;

    /// <summary>
    /// How long a run's claim on a job keeps other runs (on other instances) from checking it. Longer than one check
    /// takes, with its retries; a run that dies leaves the job to the next run after this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckClaim { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReconcileSchedule.TryParse(Schedule, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Schedule)} must be an NCRONTAB expression with six fields, seconds first (e.g. '0 */5 * * * *').",
                [nameof(Schedule)]);
        }
    }
}
