using Microsoft.Extensions.Logging;

namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// Status clients' log messages. None carries the API key or a response body. Each call is logged at Debug: the
/// reconciler logs what the answer meant for the job (verified, unavailable, throttled …) at the level it deserves.
/// </summary>
internal static partial class StatusApiLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Status of {Provider} job {JobId}: {Kind} (provider state {ProviderState}) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string provider, string jobId, ProviderStatusKind kind, string? providerState, long elapsedMs);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Status of {Provider} job {JobId}: {Kind}, {Reason} ({ElapsedMs} ms)")]
    public static partial void NotAnswered(ILogger logger, string provider, string jobId, ProviderStatusKind kind, string? reason, long elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Did not ask {Provider} about a job: {Reason}")]
    public static partial void Refused(ILogger logger, string provider, string reason);
}
