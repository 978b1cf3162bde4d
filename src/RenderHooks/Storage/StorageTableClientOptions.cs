namespace RenderHooks.Storage;

/// <summary>Options for <see cref="StorageTableClient"/>.</summary>
public sealed class StorageTableClientOptions : StorageClientOptions
{
}
