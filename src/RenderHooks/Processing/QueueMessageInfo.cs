namespace RenderHooks.Processing;

/// <summary>What the queue says about the message being processed, as any host's queue trigger exposes it.</summary>
/// <param name="MessageId">The queue message id.</param>
/// <param name="DequeueCount">How many times the message has been dequeued, this time included.</param>
public sealed record QueueMessageInfo(string MessageId, long DequeueCount);
