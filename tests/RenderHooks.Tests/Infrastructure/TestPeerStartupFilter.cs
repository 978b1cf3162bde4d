using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Puts <see cref="TestPeer"/>'s address in the connection, first in the server's pipeline.</summary>
public sealed class TestPeerStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (TestPeer.Take(context.Request) is { } peer)
            {
                context.Connection.RemoteIpAddress = peer;
                context.Connection.RemotePort = 50000;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
