using Microsoft.Extensions.Logging;

namespace RenderHooks.Reconciliation;

/// <summary>Reconciliation's log messages: providers, job ids and outcomes, never an API key.</summary>
internal static partial class ReconcileLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Reconciliation {RunId}: {IndexRowsRead} due rows, {JobsRead} job reads, {StatusCalls} status calls; {Verified} verified, {Corrected} corrected, {Recovered} recovered, {UnknownToProvider} unknown to provider, {Abandoned} abandoned, {StillRendering} still rendering, {ProviderUnavailable} unanswered, {EventsPublished} events published, {Deferred} deferred, {NotCalled} not called, {Failed} failed in {ElapsedMs} ms")]
    public static partial void RunCompleted(
        ILogger logger, string runId, int indexRowsRead, int jobsRead, int statusCalls, int verified, int corrected, int recovered,
        int unknownToProvider, int abandoned, int stillRendering, int providerUnavailable, int eventsPublished, int deferred, int notCalled, int failed, long elapsedMs);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Debug, Message = "Reconciliation {RunId}: no job due ({Providers} providers reconciled)")]
    public static partial void NothingDue(ILogger logger, string runId, int providers);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Provider} confirmed job {JobId}: {Status}")]
    public static partial void Verified(ILogger logger, string provider, string jobId, string status);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Provider} contradicts the webhook for job {JobId}: recorded {RecordedStatus}, provider says {Status} (or another output URL); the provider's state replaces it")]
    public static partial void Corrected(ILogger logger, string provider, string jobId, string recordedStatus, string status);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Recovered {Provider} job {JobId} from the status API: {Status} (no webhook came)")]
    public static partial void Recovered(ILogger logger, string provider, string jobId, string status);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Provider} does not know job {JobId}, twice in a row: its webhook may be forged; the job is marked unknown-to-provider")]
    public static partial void UnknownToProvider(ILogger logger, string provider, string jobId);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "{Provider} does not know job {JobId} ({Reason}); asking again at {NextCheckAt} before flagging it")]
    public static partial void NotFoundOnce(ILogger logger, string provider, string jobId, string? reason, DateTimeOffset? nextCheckAt);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "{Provider}'s status API asked us to wait until {NotBefore}; its due jobs wait")]
    public static partial void BackingOff(ILogger logger, string provider, DateTimeOffset notBefore);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Warning, Message = "Could not publish event {EventId} of {Provider} job {JobId} now; it stays in the job's outbox and a later run publishes it")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string? eventId, string provider, string jobId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Gave up on {Provider} job {JobId}: no final answer within {MaxAge}; the job is marked abandoned")]
    public static partial void Abandoned(ILogger logger, string provider, string jobId, TimeSpan maxAge);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "{Provider} job {JobId} is still {ProviderState}; next check at {NextCheckAt}")]
    public static partial void StillRendering(ILogger logger, string provider, string jobId, string? providerState, DateTimeOffset? nextCheckAt);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "{Provider}'s status API is throttling (retry after {RetryAfter}); its remaining due jobs wait for the next run")]
    public static partial void Throttled(ILogger logger, string provider, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error, Message = "{Provider}'s status API refused the configured API key; no {Provider} job can be checked until the key is fixed")]
    public static partial void Unauthorized(ILogger logger, string provider);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "{Provider}'s status API did not answer for job {JobId}: {Reason}; the job is checked again later")]
    public static partial void Unavailable(ILogger logger, string provider, string jobId, string? reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Checking {Provider} job {JobId} failed on storage; the {Provider} part of this run stops")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string provider, string jobId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Published event {EventId} ({Status}, verified {Verified}) for {Provider} job {JobId}")]
    public static partial void Published(ILogger logger, string eventId, string status, bool verified, string provider, string jobId);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Debug, Message = "Removed a stale due-date row of {Provider} job {JobId}")]
    public static partial void StaleIndexRow(ILogger logger, string provider, string jobId);
}
