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

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Queue listener stopped; {InFlight} messages were still in flight and will reappear after their lease")]
    public static partial void StoppedWithInFlight(ILogger logger, int inFlight);
}
