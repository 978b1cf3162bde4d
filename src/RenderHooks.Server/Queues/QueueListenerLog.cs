namespace RenderHooks.Server.Queues;

internal static partial class QueueListenerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Listening to queue {Queue} ({MaxConcurrentMessages} at once, poison after {MaxDequeueCount} attempts)")]
    public static partial void Started(ILogger logger, string queue, int maxConcurrentMessages, int maxDequeueCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Message {MessageId} failed on attempt {DequeueCount} of {MaxDequeueCount}; retrying in {RetryDelay}")]
    public static partial void Failed(ILogger logger, Exception exception, string messageId, long dequeueCount, int maxDequeueCount, TimeSpan retryDelay);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Message {MessageId} failed {DequeueCount} times and was moved to {PoisonQueue}")]
    public static partial void Poisoned(ILogger logger, Exception exception, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Lost the lease on message {MessageId} ({ErrorCode}); it will be processed again, which changes nothing already recorded")]
    public static partial void LeaseLost(ILogger logger, string messageId, string? errorCode);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Could not extend the lease on message {MessageId}; trying again")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Message {MessageId} was dequeued {DequeueCount} times, more than {MaxDequeueCount}, and was moved to {PoisonQueue} unprocessed")]
    public static partial void PoisonedOnReceipt(ILogger logger, string messageId, long dequeueCount, int maxDequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Message {MessageId} was processed but could not be deleted; it will be processed again, which changes nothing already recorded")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Polling queue {Queue} failed unexpectedly; retrying in {Delay}")]
    public static partial void PollFailedUnexpectedly(ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Could not move message {MessageId} to {PoisonQueue}; it reappears when its lease ends and is moved then")]
    public static partial void PoisonFailed(ILogger logger, Exception exception, string messageId, string poisonQueue);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Not processing queue {Queue}: RenderHooks:QueueListener:Enabled is false; deliveries wait there")]
    public static partial void Disabled(ILogger logger, string queue);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Queue listener stopped; {InFlight} messages were still in flight and will reappear after their lease")]
    public static partial void StoppedWithInFlight(ILogger logger, int inFlight);
}
