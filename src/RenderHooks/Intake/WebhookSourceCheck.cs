using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace RenderHooks.Intake;

/// <summary>
/// Whether a webhook's source address is in its provider's allowed ranges (<see cref="WebhookSourceOptions"/>). The
/// address is the host's to give (<see cref="IntakeRequest.SourceAddress"/>); this only decides. Each provider's list is
/// read once per options instance, so a configuration reload is picked up and a request costs one comparison per range.
/// </summary>
public sealed class WebhookSourceCheck(IOptionsMonitor<WebhookSourceOptions> options)
{
    private readonly ConcurrentDictionary<string, (WebhookSourceOptions Options, SourceAllowlist Allowlist)> _lists = new(StringComparer.Ordinal);

    /// <param name="provider">A provider name (<see cref="Providers.ProviderNames"/>).</param>
    /// <param name="source">The address the request came from, or null when the host does not know it.</param>
    public bool IsAllowed(string provider, IPAddress? source)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var current = options.Get(provider);
        if (!_lists.TryGetValue(provider, out var list) || !ReferenceEquals(list.Options, current))
        {
            list = (current, SourceAllowlist.From(current.AllowedSourceRanges));
            _lists[provider] = list;
        }

        return list.Allowlist.Allows(source);
    }
}
