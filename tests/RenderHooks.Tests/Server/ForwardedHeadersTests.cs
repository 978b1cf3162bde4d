using System.Net;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server behind proxies: X-Forwarded-For is believed only from the proxies in <c>RenderHooks:ForwardedHeaders</c>,
/// entry by entry from the right, while each address is a trusted proxy, at most <c>ForwardLimit</c> entries; the
/// address it ends on is the webhook's source for PhantomFlow's allowed ranges. The peer is named with
/// <see cref="TestPeer"/> (the in-memory server has no socket; <see cref="SourceAllowlistSocketTests"/> has one).
/// Server only: the Functions app trusts the Functions host alone, which sets the header itself (Contract/…OnFunctions,
/// FunctionsHost/FunctionsHostSourceAllowlistTests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ForwardedHeadersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ProxyNetwork = "10.0.0.0/8";
    private const string Proxy = "192.0.2.10";

    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync() => (_server, _client) = await StartAsync(forwardLimit: 2);

    public async Task DisposeAsync()
    {
        await _server.DeleteStorageAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("10.1.1.1", "203.0.113.9")]
    [InlineData("10.1.1.1", "203.0.113.9:54321")]
    [InlineData("::ffff:10.1.1.1", "203.0.113.9")]
    [InlineData(Proxy, "203.0.113.9")]
    [InlineData("fd00::1", "2001:db8:cafe::5")]
    [InlineData("fd00::1", "[2001:db8:cafe::5]:443")]
    [InlineData("10.1.1.1", "2001:db8:cafe::5")]
    public async Task OneTrustedProxy_ForwardsAnAllowedSource_Accepted(string proxy, string forwardedFor)
    {
        var response = await PostAsync(proxy, forwardedFor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TwoTrustedProxiesInARow_WithinForwardLimit_TheAddressBeforeThemIsTheSource()
    {
        // Right to left: the peer 10.1.1.1 is trusted, so 10.2.2.2 is read; it is trusted too, so 203.0.113.9 is read,
        // and that is two entries, the limit: 198.51.100.66, written by whoever called first, is never read.
        var response = await PostAsync("10.1.1.1", "198.51.100.66, 203.0.113.9, 10.2.2.2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TwoTrustedProxiesInARow_ForwardLimitOne_StopsAtTheSecondProxy()
    {
        var (server, client) = await StartAsync(forwardLimit: 1);
        await using var _ = server;

        var response = await PostAsync(client, "10.1.1.1", "203.0.113.9, 10.2.2.2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.Contains("source address 10.2.2.2 is not in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrustedProxy_ForwardsFromAnUntrustedHop_TheUntrustedHopIsTheSource()
    {
        // 198.51.100.5 called the trusted proxy: what it wrote (203.0.113.9) is its own claim, not the proxy's.
        var response = await PostAsync("10.1.1.1", "203.0.113.9, 198.51.100.5");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("source address 198.51.100.5 is not in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.0.2.11")]
    [InlineData("198.51.100.7")]
    [InlineData("11.0.0.1")]
    [InlineData("fe00::1")]
    public async Task UntrustedPeer_WritesAnAllowedSource_ItsOwnAddressIsTheSource(string peer)
    {
        var response = await PostAsync(peer, "203.0.113.9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_server.Logs.Lines, l => l.Contains($"source address {peer} is not in", StringComparison.Ordinal));
        // Never enqueued: the queue (hidden messages included) and then the archive (written before a message is
        // deleted) are empty, whatever the consumer had taken.
        Assert.Equal(0, await _server.Storage.DeliveriesQueue.CountAsync());
        Assert.Empty(await _server.Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
    }

    [Fact]
    public async Task TrustedProxy_NoForwardedFor_TheProxyIsTheSource()
    {
        var response = await PostAsync("10.1.1.1", forwardedFor: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("source address 10.1.1.1 is not in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("203.0.113.9, garbage")]
    public async Task TrustedProxy_UnreadableForwardedFor_NotBelieved(string forwardedFor)
    {
        var response = await PostAsync("10.1.1.1", forwardedFor);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("RenderHooks:ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8", "RenderHooks:ForwardedHeaders:KnownNetworks:0 ('10.0.0.1/8') is not an address range: 10.0.0.1 has bits set")]
    [InlineData("RenderHooks:ForwardedHeaders:KnownNetworks:0", "proxy.internal", "RenderHooks:ForwardedHeaders:KnownNetworks:0 ('proxy.internal') is not an address range")]
    [InlineData("RenderHooks:ForwardedHeaders:KnownProxies:0", "10.0.0.0/8", "RenderHooks:ForwardedHeaders:KnownProxies:0 ('10.0.0.0/8') is a range")]
    [InlineData("RenderHooks:ForwardedHeaders:KnownProxies:0", "010.0.0.1", "RenderHooks:ForwardedHeaders:KnownProxies:0 ('010.0.0.1') is not an IP address")]
    [InlineData("RenderHooks:ForwardedHeaders:ForwardLimit", "0", "RenderHooks:ForwardedHeaders:ForwardLimit must be between 1 and 10")]
    [InlineData("RenderHooks:ForwardedHeaders:ForwardLimit", "11", "RenderHooks:ForwardedHeaders:ForwardLimit must be between 1 and 10")]
    public async Task Start_InvalidProxySetting_FailsNamingIt(string setting, string value, string expected)
    {
        await using var server = new ServerFactory(azurite, new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => server.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private async Task<(ServerFactory Server, HttpClient Client)> StartAsync(int forwardLimit)
    {
        var server = new ServerFactory(azurite, new Dictionary<string, string?>
        {
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24",
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:1"] = "2001:db8:cafe::/48",
            ["RenderHooks:ForwardedHeaders:KnownNetworks:0"] = ProxyNetwork,
            ["RenderHooks:ForwardedHeaders:KnownNetworks:1"] = "fd00::/8",
            ["RenderHooks:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["RenderHooks:ForwardedHeaders:ForwardLimit"] = forwardLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return (server, await server.CreateHealthyClientAsync());
    }

    private Task<HttpResponseMessage> PostAsync(string peer, string? forwardedFor) => PostAsync(_client, peer, forwardedFor);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hooks/phantomflow/{ServerFactory.Token}")
        {
            Content = new StringContent(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), Encoding.UTF8, "application/json"),
        }.From(peer);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }
}
