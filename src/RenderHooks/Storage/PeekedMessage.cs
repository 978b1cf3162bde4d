namespace RenderHooks.Storage;

/// <summary>A message peeked at (not dequeued) on a queue.</summary>
/// <param name="MessageId">The service's message id.</param>
/// <param name="Body">The decoded body; the raw message text as UTF-8 when <paramref name="BodyDecodingFailed"/> is true.</param>
/// <param name="DequeueCount">How many times the message has been received.</param>
/// <param name="InsertedOn">When the message was inserted.</param>
/// <param name="BodyDecodingFailed">True when the message text was not valid for the client's encoding.</param>
public sealed record PeekedMessage(
    string MessageId,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    bool BodyDecodingFailed = false);
