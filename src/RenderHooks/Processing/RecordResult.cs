using RenderHooks.Jobs;

namespace RenderHooks.Processing;

/// <summary>What <see cref="JobRecorder"/> did: the outcome, the job as written, and whether this caller may publish its pending event.</summary>
internal sealed record RecordResult(ProcessingOutcome Outcome, JobRecord Job, bool MayPublish);
