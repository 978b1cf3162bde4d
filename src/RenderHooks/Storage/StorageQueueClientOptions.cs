namespace RenderHooks.Storage;

/// <summary>Options for <see cref="StorageQueueClient"/>.</summary>
public sealed class StorageQueueClientOptions : StorageClientOptions
{
    /// <summary>How message bodies are encoded; <see cref="QueueMessageEncoding.Base64"/> by default, as the Functions queue trigger expects.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
