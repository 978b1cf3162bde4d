extern alias functions;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AppComposition = functions::RenderHooks.Functions.FunctionsApp;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// Whose X-Forwarded-For the worker's forwarded-headers step believes, as the app composes it: the Functions host on
/// loopback, one hop — also when a setting would have ASP.NET Core trust every address.
/// </summary>
public sealed class HostForwardedHeadersTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void WorkerForwardedHeaders_TrustTheHostOnLoopbackForOneHop(string? aspNetCoreForwardedHeadersEnabled)
    {
        var builder = AppComposition.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["RenderHooks:WebhookTokens:0"] = "forwarded-headers-token-0123456789",
            // ASPNETCORE_FORWARDEDHEADERS_ENABLED as an app setting: ASP.NET Core's defaults then clear the trust lists.
            ["ForwardedHeaders_Enabled"] = aspNetCoreForwardedHeadersEnabled,
        });
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.True(options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor));
        Assert.Equal(1, options.ForwardLimit);
        Assert.Empty(options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("127.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")], options.KnownIPNetworks);
    }
}
