using System.Text;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Providers;

public sealed class UnpairedSurrogatesTests
{
    [Theory]
    [InlineData("""{"a":"\uD800"}""")]
    [InlineData("""{"a":"\uDC00"}""")]
    [InlineData("""{"a":"x\uD83Cy"}""")]
    [InlineData("""{"a":"\uD83C\n\uDFAC"}""")]
    [InlineData("""{"a":"\uD83C\u0041"}""")]
    [InlineData("""{"a":"\uD83C\uD83C\uDFAC"}""")]
    [InlineData("""{"a":"\uDFAC\uD83C"}""")]
    [InlineData("""["ok", "\udbff"]""")]
    [InlineData("""{"a":"\uD83C""")]
    public void Any_UnpairedSurrogateEscape_Found(string json)
    {
        Assert.True(UnpairedSurrogates.Any(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"a":"\uD83C\uDFAC"}""")]
    [InlineData("""{"a":"\ud83c\udfac and \u00e9"}""")]
    [InlineData("""{"a":"\\uD800"}""")]
    [InlineData("""{"a":"\\\\\uD83C\uDFAC\\"}""")]
    [InlineData("""{"a":"🎬 raw"}""")]
    [InlineData("""{"a":"\u12"}""")]
    [InlineData("""{}""")]
    [InlineData("")]
    public void Any_PairsOrNoSurrogateEscapes_NotFound(string json)
    {
        Assert.False(UnpairedSurrogates.Any(Encoding.UTF8.GetBytes(json)));
    }
}
