namespace RenderHooks.Providers;

/// <summary>The terminal state a provider reported for a render job.</summary>
public enum RenderStatus
{
    Completed,
    Failed,
}
