using System.Collections.ObjectModel;

namespace RenderHooks.Jobs;

/// <summary>The states <c>GET /api/jobs?state=…</c> lists jobs by.</summary>
public static class JobListStates
{
    /// <summary>Verification <c>unknown-to-provider</c>: the provider's status API does not know the job; its webhook may be forged.</summary>
    public const string UnknownToProvider = JobVerification.UnknownToProvider;

    /// <summary>
    /// Reconciliation should have looked at the job by now (its next check is in the past): a registered job whose
    /// webhook never came, while status checks are off or failing, stays here.
    /// </summary>
    public const string Overdue = "overdue";

    public static IReadOnlyList<string> All { get; } = new ReadOnlyCollection<string>([UnknownToProvider, Overdue]);
}
