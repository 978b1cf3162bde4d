namespace RenderHooks.Storage;

/// <summary>How an update or upsert treats properties already stored on the entity.</summary>
public enum TableUpdateMode
{
    /// <summary>The stored entity is replaced: properties not sent are removed.</summary>
    Replace,

    /// <summary>The sent properties are merged into the stored entity: properties not sent are kept.</summary>
    Merge,
}
