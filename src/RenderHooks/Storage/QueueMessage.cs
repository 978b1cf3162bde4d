namespace RenderHooks.Storage;

/// <summary>A message received (dequeued) from a queue.</summary>
/// <param name="MessageId">The service's message id.</param>
/// <param name="PopReceipt">The pop receipt needed to delete or update the message.</param>
/// <param name="Body">The decoded body; the raw message text as UTF-8 when <paramref name="BodyDecodingFailed"/> is true.</param>
/// <param name="DequeueCount">How many times the message has been received, including this time.</param>
/// <param name="InsertedOn">When the message was inserted.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
/// <param name="BodyDecodingFailed">True when the message text was not valid for the client's encoding (e.g. not base64).</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? NextVisibleOn,
    bool BodyDecodingFailed = false);
