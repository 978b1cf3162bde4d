using Microsoft.Extensions.Options;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Reconciliation;

namespace RenderHooks.Tests.Reconciliation;

public sealed class CheckPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void FirstCheck_FirstCheckDelayLaterInWholeSeconds()
    {
        var planner = Planner(new ReconcileOptions { FirstCheckDelay = TimeSpan.FromMinutes(2) });

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 2, 0, TimeSpan.Zero), planner.FirstCheck(Now));
    }

    [Fact]
    public void NextCheckAfterFailure_AtLeastAMinute_NeverPastTheGiveUpTime()
    {
        var planner = Planner(new ReconcileOptions { FirstCheckDelay = TimeSpan.Zero, MaxAge = TimeSpan.FromHours(24) });
        var fresh = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "j", CreatedAt = Now };
        var old = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "j", CreatedAt = Now.AddHours(-24).AddSeconds(10) };

        Assert.Equal(DueIndex.ToIndexPrecision(Now.AddMinutes(1)), planner.NextCheckAfterFailure(fresh, Now));
        Assert.Equal(DueIndex.ToIndexPrecision(planner.GiveUpAt(old)), planner.NextCheckAfterFailure(old, Now));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(40, 60)]
    public void NextCheckWhileRendering_DoublesUpToTheCap(int checks, int minutes)
    {
        var planner = Planner(new ReconcileOptions { FirstCheckDelay = TimeSpan.FromMinutes(2), MaxCheckInterval = TimeSpan.FromHours(1) });
        var job = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "j", CreatedAt = Now };

        Assert.Equal(DueIndex.ToIndexPrecision(Now.AddMinutes(minutes)), planner.NextCheckWhileRendering(job, checks, Now));
    }

    [Fact]
    public void NextCheckWhileRendering_NeverPastTheGiveUpTime()
    {
        var planner = Planner(new ReconcileOptions { FirstCheckDelay = TimeSpan.FromMinutes(2), MaxAge = TimeSpan.FromHours(24) });
        var job = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "j", CreatedAt = Now.AddHours(-23.9) };

        var next = planner.NextCheckWhileRendering(job, 10, Now);

        Assert.Equal(DueIndex.ToIndexPrecision(planner.GiveUpAt(job)), next);
        Assert.True(next < Now.AddHours(1));
    }

    [Fact]
    public void GiveUpAt_CountsFromTheLatestReport()
    {
        var planner = Planner(new ReconcileOptions { MaxAge = TimeSpan.FromHours(24) });
        var registeredLongAgo = new JobRecord { Provider = ProviderNames.Json2Video, JobId = "j", CreatedAt = Now.AddDays(-3), ReceivedAt = Now };

        Assert.Equal(Now.AddHours(24), planner.GiveUpAt(registeredLongAgo));
    }

    private static CheckPlanner Planner(ReconcileOptions options) => new(Options.Create(options));
}
