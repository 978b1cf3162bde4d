using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
        var time = new FakeTimeProvider();
        await using var host = StatusClientHost.Create(server.Settings(), configure: services => services.AddSingleton<TimeProvider>(time));
        server.Script(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32", StatusReply.TooManyRequests(1), StatusReply.Done());

        var pending = host.Client(ProviderNames.Json2Video).GetStatusAsync("JkGxEoPRF9EgRb32", CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(server.Calls(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32")), calls => calls == 1, "the first call");
        await Task.Delay(TimeSpan.FromMilliseconds(1200));

        // A second of real time has passed, none of fake time: the retry still waits.
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, server.Calls(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32"));

        time.Advance(TimeSpan.FromSeconds(1));
        var status = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, server.Calls(ProviderNames.Json2Video, "JkGxEoPRF9EgRb32"));
    }
}
