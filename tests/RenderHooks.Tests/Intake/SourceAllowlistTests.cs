using System.Net;
using RenderHooks.Intake;

namespace RenderHooks.Tests.Intake;

public sealed class SourceAllowlistTests
{
    private static readonly SourceAllowlist Ranges = SourceAllowlist.From(["203.0.113.0/24", "198.51.100.7", "2001:db8:abcd::/48"]);

    [Theory]
    [InlineData("203.0.113.0")]
    [InlineData("203.0.113.9")]
    [InlineData("203.0.113.255")]
    [InlineData("198.51.100.7")]
    [InlineData("2001:db8:abcd::1")]
    [InlineData("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::ffff:203.0.113.9")]
    [InlineData("::ffff:198.51.100.7")]
    public void Allows_AddressInARange_True(string address) => Assert.True(Ranges.Allows(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.114.0")]
    [InlineData("198.51.100.6")]
    [InlineData("198.51.100.8")]
    [InlineData("2001:db8:abce::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:203.0.114.9")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("0.0.0.0")]
    public void Allows_AddressOutsideEveryRange_False(string address) => Assert.False(Ranges.Allows(IPAddress.Parse(address)));

    [Fact]
    public void Allows_IPv4RangeAndTheSameBitsAsIPv6_NotConfused()
    {
        // 203.0.113.9 as the first bytes of an IPv6 address is not the IPv4 address.
        Assert.False(Ranges.Allows(IPAddress.Parse("cb00:7109::")));
        Assert.False(SourceAllowlist.From(["2001:db8::/32"]).Allows(IPAddress.Parse("32.1.13.184")));
    }

    [Fact]
    public void Allows_UnknownSource_FalseWithRangesTrueWithout()
    {
        Assert.False(Ranges.Allows(null));
        Assert.True(SourceAllowlist.AnySource.Allows(null));
    }

    [Theory]
    [InlineData]
    [InlineData("")]
    [InlineData(" ", "\t")]
    public void From_NoRangeOrOnlyBlankEntries_AnySource(params string[] entries)
    {
        var allowlist = SourceAllowlist.From(entries);
        Assert.Same(SourceAllowlist.AnySource, allowlist);
        Assert.True(allowlist.Allows(IPAddress.Parse("192.0.2.1")));
        Assert.True(allowlist.Allows(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void From_BlankEntryBetweenRanges_Skipped()
    {
        var allowlist = SourceAllowlist.From(["203.0.113.0/24", "", "2001:db8::/32"]);
        Assert.Equal(2, allowlist.Ranges.Count);
        Assert.False(allowlist.Allows(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void From_InvalidEntry_ThrowsRatherThanAllowingMore() =>
        Assert.Throws<FormatException>(() => SourceAllowlist.From(["203.0.113.0/24", "10.0.0.1/8"]));

    [Fact]
    public void From_WholeIPv4Space_AllowsEveryIPv4SourceButNoIPv6One()
    {
        var allowlist = SourceAllowlist.From(["0.0.0.0/0"]);
        Assert.True(allowlist.Allows(IPAddress.Parse("192.0.2.1")));
        Assert.True(allowlist.Allows(IPAddress.Parse("::ffff:192.0.2.1")));
        Assert.False(allowlist.Allows(IPAddress.Parse("2001:db8::1")));
    }
}
