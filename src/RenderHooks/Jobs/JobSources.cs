namespace RenderHooks.Jobs;

/// <summary>Who reported a job's recorded state.</summary>
public static class JobSources
{
    public const string Webhook = "webhook";
    public const string Reconciliation = "reconciliation";
}
