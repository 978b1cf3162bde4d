using System.Net;

namespace RenderHooks.Intake;

/// <summary>
/// The address ranges one provider's webhooks may come from, read by <see cref="CidrRange"/>. No range means any source
/// (the default). With ranges, an unknown source address is refused: a host that cannot say where a request came from
/// cannot show it came from an allowed range.
/// </summary>
internal sealed class SourceAllowlist
{
    public static readonly SourceAllowlist AnySource = new([]);

    private readonly IPNetwork[] _ranges;

    private SourceAllowlist(IPNetwork[] ranges) => _ranges = ranges;

    public IReadOnlyList<IPNetwork> Ranges => _ranges;

    /// <summary>
    /// The ranges of a setting's entries; a blank entry (an emptied slot) is skipped. The entries are validated at start
    /// (<see cref="WebhookSourceOptionsValidator"/>), so one that is not a range here is a bug: it throws rather than
    /// being skipped, which would let the list allow more than it says.
    /// </summary>
    public static SourceAllowlist From(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ranges = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            if (!CidrRange.TryParse(entry, out var range, out var problem))
            {
                throw new FormatException($"'{entry}' is not an address range: {problem}");
            }

            ranges.Add(range);
        }

        return ranges.Count == 0 ? AnySource : new SourceAllowlist([.. ranges]);
    }

    /// <summary>
    /// Whether a webhook from <paramref name="source"/> is allowed: always without ranges; with ranges, when one contains
    /// the address (an IPv4-mapped IPv6 address is compared as the IPv4 address it maps). Cost: one comparison per range.
    /// </summary>
    public bool Allows(IPAddress? source)
    {
        if (_ranges.Length == 0)
        {
            return true;
        }

        if (source is null)
        {
            return false;
        }

        var address = CidrRange.Normalize(source);
        foreach (var range in _ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
