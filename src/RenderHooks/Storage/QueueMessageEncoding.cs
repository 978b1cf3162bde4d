namespace RenderHooks.Storage;

/// <summary>How a queue client encodes message bodies into the queue's message text.</summary>
public enum QueueMessageEncoding
{
    /// <summary>The body is UTF-8 text stored as-is (XML-escaped on the wire).</summary>
    None,

    /// <summary>The body bytes are stored as base64 text, as the Azure Functions queue trigger expects by default.</summary>
    Base64,
}
