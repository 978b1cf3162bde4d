using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Providers;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>The resilience pipeline waits on the <see cref="TimeProvider"/> registered in DI, not on the system clock.</summary>
public sealed class StatusClientTimeProviderTests
{
    [Fact]
    public async Task RetryAfterWait_UsesInjectedTimeProvider()
    {
        await using var server = await ProviderStatusServer.StartAsync();
        var time = new ObservedClock();
        await using var host = StatusClientHost.Create(server.Settings(), configure: services => services.AddSingleton<TimeProvider>(time));
        server.Script(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32", StatusReply.TooManyRequests(1), StatusReply.Done());

        var pending = host.Client(ProviderNames.Json2Video).GetStatusAsync("JkGxEoPRF9EgRb32", CancellationToken.None);

        // The wait is scheduled on the injected clock; on the system's it would end by itself, and this one never does.
        await time.WaitForWaitAsync(TimeSpan.FromSeconds(1), "the retry's wait, on the injected clock");
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, server.Calls(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32"));

        time.Advance(TimeSpan.FromSeconds(1));
        var status = await Eventually.CompletedAsync(pending, "the answer to the retry");

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, server.Calls(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32"));
    }
}
