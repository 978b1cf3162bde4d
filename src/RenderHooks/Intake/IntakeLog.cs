using Microsoft.Extensions.Logging;

namespace RenderHooks.Intake;

/// <summary>Intake's log messages. None of them carries a token or a payload.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Accepted delivery {DeliveryId} from {Provider} ({BodyBytes} bytes)")]
    public static partial void Accepted(ILogger logger, string deliveryId, string provider, int bodyBytes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Refused a webhook: unknown provider or token (provider known: {ProviderKnown})")]
    public static partial void NotFound(ILogger logger, bool providerKnown);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Refused a webhook from {Provider}: {Status}")]
    public static partial void Refused(ILogger logger, string provider, IntakeStatus status);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Refused a webhook from {Provider}: its source address {SourceAddress} is not in the provider's allowed ranges (answered as an unknown token)")]
    public static partial void SourceRefused(ILogger logger, string provider, string sourceAddress);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Could not write the payload blob of delivery {DeliveryId} from {Provider} ({BodyBytes} bytes); answered 503 ({ErrorType}, status {StorageStatus})")]
    public static partial void PayloadWriteFailed(ILogger logger, string deliveryId, string provider, int bodyBytes, string errorType, int storageStatus);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "The payload blob of delivery {DeliveryId} from {Provider} was already written: an earlier attempt's answer was lost")]
    public static partial void PayloadFoundWritten(ILogger logger, string deliveryId, string provider);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Could not enqueue delivery {DeliveryId} from {Provider}; answered 503 ({ErrorType}, status {StorageStatus})")]
    public static partial void EnqueueFailed(ILogger logger, string deliveryId, string provider, string errorType, int storageStatus);
}
