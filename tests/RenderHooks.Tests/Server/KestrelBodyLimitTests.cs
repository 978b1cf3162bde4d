using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server keeps Kestrel's request body limit at or above intake's <c>MaxBodyBytes</c>, so every body intake would
/// accept reaches it: a lower limit set by the operator is raised, a higher one (or none) is kept.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KestrelBodyLimitTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(1_000L, null, 1_048_576L)]
    [InlineData(1_000L, "5000000", 5_000_000L)]
    [InlineData(30_000_000L, null, 30_000_000L)]
    [InlineData(null, null, null)]
    public async Task KestrelLimit_AsConfigured_NeverBelowMaxBodyBytes(long? configured, string? maxBodyBytes, long? expected)
    {
        var settings = new Dictionary<string, string?> { ["RenderHooks:QueueListener:Enabled"] = "false" };
        if (maxBodyBytes is not null)
        {
            settings["RenderHooks:Intake:MaxBodyBytes"] = maxBodyBytes;
        }

        await using var server = new ServerFactory(azurite, settings, services: s => s.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = configured));

        Assert.Equal(expected, server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
    }
}
