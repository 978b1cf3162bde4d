namespace RenderHooks.Jobs;

/// <summary>What the provider's status API has said about a job's recorded state.</summary>
public static class JobVerification
{
    /// <summary>Not yet settled with the provider: unchecked, or still rendering when last asked.</summary>
    public const string Pending = "pending";

    /// <summary>The provider confirmed the state (or reported it, for a registered job whose webhook never came).</summary>
    public const string Verified = "verified";

    /// <summary>The provider's state differed from the webhook's; the provider's state replaced it.</summary>
    public const string Corrected = "corrected";

    /// <summary>The provider does not know the job: the webhook may be forged. Never verified.</summary>
    public const string UnknownToProvider = "unknown-to-provider";

    /// <summary>No final answer within <c>RenderHooks:Reconcile:MaxAge</c>; reconciliation gave up.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>True for the values after which reconciliation asks the provider no more.</summary>
    public static bool IsFinal(string? verification) =>
        verification is Verified or Corrected or UnknownToProvider or Abandoned;
}
