using System.Net;
using RenderHooks.Intake;

namespace RenderHooks.Tests.Intake;

public sealed class CidrRangeTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData(" 203.0.113.0/24 ", "203.0.113.0/24")]
    [InlineData("198.51.100.7", "198.51.100.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::/48", "2001:db8::/48")]
    [InlineData("2001:db8::5", "2001:db8::5/128")]
    [InlineData("::/0", "::/0")]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.0/24")]
    public void TryParse_RangeOrAddress_TheRangeItSays(string text, string expected)
    {
        Assert.True(CidrRange.TryParse(text, out var network, out var problem), problem);
        Assert.Equal(IPNetwork.Parse(expected), network);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("203.0.113.7/24", "203.0.113.0/24")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    public void TryParse_BitsSetAfterThePrefix_RefusedNamingTheRangeAndTheAddress(string text, string range)
    {
        Assert.False(CidrRange.TryParse(text, out _, out var problem));
        Assert.Contains(range, problem, StringComparison.Ordinal);
        Assert.Contains("alone", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("not-an-address")]
    [InlineData("10/8")]
    [InlineData("10.1")]
    [InlineData("010.0.0.0/8")]
    [InlineData("0x0a.0.0.0/8")]
    [InlineData("203.0.113.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("203.0.113.0/")]
    [InlineData("203.0.113.0/+24")]
    [InlineData("203.0.113.0/24/1")]
    [InlineData("203.0.113.0 /24")]
    [InlineData("fe80::1%2/128")]
    [InlineData("fe80::1%eth0")]
    [InlineData("203.0.113.0-203.0.113.255")]
    public void TryParse_NotARangeAsWritten_RefusedWithAReason(string? text)
    {
        Assert.False(CidrRange.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Normalize_IPv4MappedAddress_TheIPv4Address() =>
        Assert.Equal(IPAddress.Parse("198.51.100.7"), CidrRange.Normalize(IPAddress.Parse("::ffff:198.51.100.7")));

    [Fact]
    public void Normalize_OtherAddresses_Unchanged()
    {
        Assert.Equal(IPAddress.Parse("198.51.100.7"), CidrRange.Normalize(IPAddress.Parse("198.51.100.7")));
        Assert.Equal(IPAddress.Parse("2001:db8::7"), CidrRange.Normalize(IPAddress.Parse("2001:db8::7")));
    }
}
