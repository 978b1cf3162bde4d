using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Tests.Providers;

public class ProviderAdapterCatalogTests
{
    private readonly ProviderAdapterCatalog _catalog = new([new PhantomFlowAdapter(), new Json2VideoAdapter()]);

    [Theory]
    [InlineData("phantomflow", typeof(PhantomFlowAdapter))]
    [InlineData("PhantomFlow", typeof(PhantomFlowAdapter))]
    [InlineData("json2video", typeof(Json2VideoAdapter))]
    [InlineData("JSON2VIDEO", typeof(Json2VideoAdapter))]
    public void TryGet_RegisteredProviderInAnyCase_ReturnsAdapter(string provider, Type expected)
    {
        Assert.True(_catalog.TryGet(provider, out var adapter));
        Assert.IsType(expected, adapter);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("creatomate")]
    [InlineData("phantomflow/")]
    public void TryGet_UnknownProvider_ReturnsFalse(string? provider)
    {
        Assert.False(_catalog.TryGet(provider, out var adapter));
        Assert.Null(adapter);
    }

    [Fact]
    public void TryGet_EmptyCatalog_ReturnsFalse()
    {
        var catalog = new ProviderAdapterCatalog([]);

        Assert.False(catalog.TryGet(ProviderNames.PhantomFlow, out _));
    }

    [Fact]
    public void Constructor_TwoAdaptersForOneName_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ProviderAdapterCatalog([new PhantomFlowAdapter(), new PhantomFlowAdapter()]));

        Assert.Contains("phantomflow", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullAdapters_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ProviderAdapterCatalog(null!));
    }

    [Fact]
    public void Adapters_Names_AreProviderNameConstants()
    {
        Assert.Equal(ProviderNames.PhantomFlow, new PhantomFlowAdapter().Name);
        Assert.Equal(ProviderNames.Json2Video, new Json2VideoAdapter().Name);
    }
}
