namespace RenderHooks.Jobs;

/// <summary>What the provider's status API has said about a job's recorded state.</summary>
public static class JobVerification
{
    /// <summary>Not yet checked with the provider.</summary>
    public const string Pending = "pending";
}
