using RenderHooks.Providers;

namespace RenderHooks.Tests.Providers;

public class ProviderNamesTests
{
    [Fact]
    public void All_ListsBothProviders_InOrder()
    {
        Assert.Equal(["phantomflow", "json2video"], ProviderNames.All);
    }

    [Fact]
    public void All_CannotBeCastBackToAMutableArray()
    {
        Assert.False(ProviderNames.All is string[]);
        Assert.True(((ICollection<string>)ProviderNames.All).IsReadOnly);
    }

    [Theory]
    [InlineData("phantomflow", ProviderNames.PhantomFlow)]
    [InlineData("PhantomFlow", ProviderNames.PhantomFlow)]
    [InlineData("PHANTOMFLOW", ProviderNames.PhantomFlow)]
    [InlineData("json2video", ProviderNames.Json2Video)]
    [InlineData("JSON2Video", ProviderNames.Json2Video)]
    public void TryNormalize_KnownNameInAnyCase_ReturnsConstant(string value, string expected)
    {
        Assert.True(ProviderNames.TryNormalize(value, out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" phantomflow")]
    [InlineData("phantom")]
    [InlineData("json2video ")]
    [InlineData("creatomate")]
    public void TryNormalize_UnknownName_ReturnsFalse(string? value)
    {
        Assert.False(ProviderNames.TryNormalize(value, out var name));
        Assert.Null(name);
    }
}
