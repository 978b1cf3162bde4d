using Microsoft.Extensions.Logging;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Status clients' log messages. None carries the API key or a response body.</summary>
internal static partial class StatusApiLog
{
    [LoggerMessage(EventId = 6001, Message = "Status of {Provider} job {JobId}: {Kind} (provider state {ProviderState}) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, LogLevel level, string provider, string jobId, ProviderStatusKind kind, string? providerState, long elapsedMs);

    [LoggerMessage(EventId = 6002, Message = "Status of {Provider} job {JobId}: {Kind}, {Reason} ({ElapsedMs} ms)")]
    public static partial void NotAnswered(ILogger logger, LogLevel level, string provider, string jobId, ProviderStatusKind kind, string? reason, long elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Did not ask {Provider} about a job: {Reason}")]
    public static partial void Refused(ILogger logger, string provider, string reason);
}
