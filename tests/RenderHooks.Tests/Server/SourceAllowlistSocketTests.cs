using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The allowlist on a real socket: Kestrel listening on <c>[::]</c> (one dual-mode socket, as <c>http://+:80</c> in a
/// container), so an IPv4 caller arrives as an IPv4-mapped IPv6 address (<c>::ffff:127.0.0.1</c>) and an IPv6 caller
/// as itself (<c>::1</c>). Clients connect from 127.0.0.1 and from ::1.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SourceAllowlistSocketTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IPv4CallerOnADualModeSocket_ComparedAsIPv4_IPv6CallerAsIPv6()
    {
        await using var server = await StartAsync(new()
        {
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "127.0.0.1/32",
            ["RenderHooks:Json2Video:AllowedSourceRanges:0"] = "::1/128",
        });

        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.IPv4, "phantomflow"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv6, "phantomflow"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.IPv6, "json2video"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv4, "json2video"));
        Assert.Contains(server.Factory.Logs.Lines, l => l.Contains("source address ::1 is not in", StringComparison.Ordinal));
        Assert.Contains(server.Factory.Logs.Lines, l => l.Contains("source address ::ffff:127.0.0.1 is not in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AspNetCoreForwardedHeadersSwitchedOn_NoProxyConfigured_ForwardedForStillIgnored()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true adds ASP.NET Core's own forwarded-headers step, trusting every
        // address; the server's settings replace its trust list, and with no proxy configured nothing is read.
        await using var server = await StartAsync(new()
        {
            ["ForwardedHeaders_Enabled"] = "true",
            ["RenderHooks:Json2Video:AllowedSourceRanges:0"] = "::1/128",
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24",
        });

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv4, "json2video", forwardedFor: "::1"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv4, "phantomflow", forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv6, "phantomflow", forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.IPv6, "json2video", forwardedFor: "198.51.100.7"));
    }

    [Fact]
    public async Task ProxyOnLoopback_Trusted_ItsForwardedForIsTheSource_AnotherCallerIsNot()
    {
        await using var server = await StartAsync(new()
        {
            ["RenderHooks:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24",
        });

        // From 127.0.0.1 (::ffff:127.0.0.1 on this socket, trusted as 127.0.0.1): its X-Forwarded-For is believed.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.IPv4, "phantomflow", forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv4, "phantomflow", forwardedFor: "198.51.100.7"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv4, "phantomflow"));
        // From ::1, not a trusted proxy: the same header is its own claim.
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(server.IPv6, "phantomflow", forwardedFor: "203.0.113.9"));
    }

    private async Task<DualModeServer> StartAsync(Dictionary<string, string?> settings)
    {
        var factory = new ServerFactory(azurite, settings);
        factory.UseKestrel(options => options.Listen(IPAddress.IPv6Any, 0));
        int port;
        using (var started = factory.CreateClient())
        {
            port = started.BaseAddress!.Port; // Its address is [::], which a client cannot connect to.
        }

        var server = new DualModeServer(
            factory,
            new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") },
            new HttpClient { BaseAddress = new Uri($"http://[::1]:{port}") });
        await Eventually.GetAsync(() => server.IPv4.GetAsync("/api/health"), r => r.StatusCode == HttpStatusCode.OK, "a healthy server");
        return server;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string provider, string? forwardedFor = null)
    {
        var body = provider == "phantomflow"
            ? TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId())
            : TestPayloads.Json2VideoCompleted(TestPayloads.NewJson2VideoProject());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hooks/{provider}/{ServerFactory.Token}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed record DualModeServer(ServerFactory Factory, HttpClient IPv4, HttpClient IPv6) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            IPv4.Dispose();
            IPv6.Dispose();
            await Factory.DeleteStorageAsync();
            await Factory.DisposeAsync();
        }
    }
}
