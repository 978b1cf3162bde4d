using Microsoft.Extensions.Logging;

namespace RenderHooks.Processing;

/// <summary>Processing's log messages: ids and outcomes, never payloads.</summary>
internal static partial class ProcessingLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Delivery {DeliveryId}: {Outcome} {Status} for {Provider} job {JobId}")]
    public static partial void Processed(ILogger logger, string deliveryId, ProcessingOutcome outcome, string status, string provider, string jobId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} reports {Status} for {Provider} job {JobId}, which is already {RecordedStatus}; the first state stands")]
    public static partial void Conflict(ILogger logger, string deliveryId, string status, string provider, string jobId, string recordedStatus);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} from {Provider} could not be parsed and was archived: {Reason}")]
    public static partial void Unparseable(ILogger logger, string deliveryId, string provider, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Queue message {MessageId} is not a delivery and was archived: {Reason}")]
    public static partial void Unreadable(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the client data of {Provider} job {JobId} is over {MaxBytes} bytes as JSON and was left out of the job and its event")]
    public static partial void ClientDataOmitted(ILogger logger, string deliveryId, string provider, string jobId, int maxBytes);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Delivery {DeliveryId}: storage refused the record of {Provider} job {JobId} ({ErrorCode}); the delivery was archived with the reason")]
    public static partial void Rejected(ILogger logger, string deliveryId, string provider, string jobId, string? errorCode);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} for {Provider} job {JobId} was read in part: {Note}")]
    public static partial void PartlyRead(ILogger logger, string deliveryId, string provider, string jobId, string note);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "Delivery {DeliveryId} from {Provider} was archived as unreadable: {Reason}")]
    public static partial void PayloadMissing(ILogger logger, string deliveryId, string provider, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Delivery {DeliveryId} from {Provider} was processed before ({Outcome}) and its payload blob settled; the message is acknowledged again")]
    public static partial void AlreadyArchived(ILogger logger, string deliveryId, string provider, ProcessingOutcome outcome);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Published event {EventId} ({Status}) for {Provider} job {JobId}")]
    public static partial void Published(ILogger logger, string eventId, string status, string provider, string jobId);
}
