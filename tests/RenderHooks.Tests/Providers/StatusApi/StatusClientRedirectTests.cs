using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Providers;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>A provider answering with a redirect: the client stays on the configured base URL.</summary>
public sealed class StatusClientRedirectTests
{
    [Theory]
    [InlineData(ProviderNames.PhantomFlow, "RenderHooks:PhantomFlow")]
    [InlineData(ProviderNames.Json2Video, "RenderHooks:Json2Video")]
    public async Task Redirect_NotFollowed_Unavailable(string provider, string section)
    {
        var elsewhereHits = 0;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(context =>
        {
            if (context.Request.Path.StartsWithSegments("/elsewhere", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref elsewhereHits);
                return context.Response.WriteAsync("{}", context.RequestAborted);
            }

            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/elsewhere/job";
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await using var host = StatusClientHost.Create(new Dictionary<string, string?>
        {
            [$"{section}:BaseUrl"] = address,
            [$"{section}:ApiKey"] = "redirect-test-key-0123456789",
            [$"{section}:Timeout"] = ProviderStatusServer.AttemptTimeout, // the 302 comes at once; a busy machine must not time it out
        });

        var status = await host.Client(provider).GetStatusAsync("JkGxEoPRF9EgRb32", CancellationToken.None);

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.Equal("HTTP 302: redirects are not followed", status.Reason);
        Assert.Equal(0, elsewhereHits);
        await app.StopAsync();
    }
}
