using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Intake;

/// <summary>
/// Where one provider's webhooks may come from: <c>RenderHooks:PhantomFlow:AllowedSourceRanges:0</c>, <c>:1</c>, … (and
/// the same under <c>RenderHooks:Json2Video</c>), next to that provider's other settings. Each entry is an IPv4 or IPv6
/// CIDR range or a single address (<see cref="CidrRange"/>). Empty, the default: any source. Named options, one per
/// provider name (<see cref="ProviderNames"/>).
/// </summary>
public sealed class WebhookSourceOptions
{
    /// <summary>The settings section of each provider's options, by provider name.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ProviderNames.PhantomFlow] = PhantomFlowStatusOptions.Section,
        [ProviderNames.Json2Video] = Json2VideoStatusOptions.Section,
    };

    public IList<string> AllowedSourceRanges { get; set; } = [];
}
