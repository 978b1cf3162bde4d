using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RenderHooks.Intake;

/// <summary>
/// Reads an address range from a setting into the framework's <see cref="IPNetwork"/>: IPv4 or IPv6 CIDR notation
/// (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>), or a single address standing for itself (<c>/32</c> or <c>/128</c>).
/// Stricter than <see cref="IPNetwork.TryParse(string?, out IPNetwork)"/>, which takes <c>10.0.0.1/8</c> as
/// <c>10.0.0.0/8</c>, <c>010.0.0.0/8</c> as <c>8.0.0.0/8</c> and <c>10/8</c> as <c>0.0.0.0/8</c>: a range that
/// would not mean what it says is refused with the reason, so an allowlist never opens wider than written. An
/// IPv4-mapped IPv6 range (<c>::ffff:203.0.113.0/120</c>) is read as the IPv4 range it maps.
/// </summary>
public static class CidrRange
{
    /// <param name="text">The setting's value; surrounding white space is ignored.</param>
    /// <param name="network">The range, when the text is one.</param>
    /// <param name="problem">Why the text is not a range, to complete "… is not an address range: {problem}".</param>
    public static bool TryParse(string? text, out IPNetwork network, out string problem)
    {
        network = default;
        var value = text?.Trim() ?? string.Empty;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal))
        {
            problem = "an IPv6 scope (%…) names an interface of one machine; leave it out.";
            return false;
        }

        if (!IPAddress.TryParse(addressText, out var address) || !IsCanonical(address, addressText))
        {
            problem = "expected an IPv4 or IPv6 address in its usual form, optionally with /prefix (203.0.113.0/24, 2001:db8::/32, 198.51.100.7).";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0
            && (!int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            problem = $"the prefix length after '/' must be a number from 0 to {maxPrefix}.";
            return false;
        }

        // The framework masks the address to the prefix; a masked address that differs had bits set after it.
        if (!IPNetwork.TryParse($"{address}/{prefix}", out var masked) || !masked.BaseAddress.Equals(address))
        {
            problem = $"{address} has bits set after the first {prefix}: write {masked} for the whole range, or {address}/{maxPrefix} for this address alone.";
            return false;
        }

        network = ToIPv4IfMapped(masked);
        problem = string.Empty;
        return true;
    }

    /// <summary>The IPv4 address an IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>, as a dual-mode socket reports IPv4 callers) stands for.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    // IPv4 in dotted decimal as the framework writes it: no octal (010), hex (0x0a) or short (10, 10.1) forms.
    private static bool IsCanonical(IPAddress address, string text) =>
        address.AddressFamily != AddressFamily.InterNetwork || string.Equals(address.ToString(), text, StringComparison.Ordinal);

    private static IPNetwork ToIPv4IfMapped(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
            : network;
}
