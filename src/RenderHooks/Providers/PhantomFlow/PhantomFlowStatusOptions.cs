using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.PhantomFlow;

/// <summary>
/// PhantomFlow's status API (section <c>RenderHooks:PhantomFlow</c>): <c>GET {BaseUrl}/api/jobs/{jobId}</c>.
/// No default base URL: reconciliation of PhantomFlow jobs is off until <c>BaseUrl</c> and <c>ApiKey</c> are set.
/// </summary>
internal sealed class PhantomFlowStatusOptions : ProviderStatusOptions
{
    public const string Section = "RenderHooks:PhantomFlow";

    protected override string SectionName => Section;
}
